import { SetMetadata } from '@nestjs/common';
import type { Role } from '@minqing/shared';

export const REQUIRED_ROLES = 'minqing:requiredRoles';

/**
 * The route is only for people holding one of these roles (in any organisation; the handler then
 * scopes to theirs). Checked by the guard before the body is even read: someone it is not for gets
 * 403, never a validation answer.
 */
export const RequireRole = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
