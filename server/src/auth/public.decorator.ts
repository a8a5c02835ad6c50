import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'minqing:isPublic';

/** A route anyone may call without a token (public pages, the sticker landing, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
