// Who may call a route, declared on the route and read by the global guard. These carry no
// knowledge of users or tokens, so every feature module can mark its routes without importing auth.
import { SetMetadata } from '@nestjs/common';
import type { Role } from '@minqing/shared';

export const IS_PUBLIC = 'minqing:isPublic';

/** A route anyone may call without a token (public pages, the sticker landing, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'minqing:requiredRoles';

/**
 * The route is only for people holding one of these roles (in any organisation; the handler then
 * scopes to theirs). Checked by the guard before the body is even read: someone it is not for gets
 * 403, never a validation answer.
 */
export const RequireRole = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
