import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@minqing/shared';
import { DomainError } from '../common/domain-error.js';
import type { StaffRole } from './entities/staff-role.entity.js';
import type { User } from './entities/user.entity.js';

/** Who is calling, loaded afresh on every request so a removed role takes effect at once. */
export interface AuthUser {
  user: User;
  roles: Role[];
  staff: StaffRole[];
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ auth: AuthUser }>().auth;
});

/** The organisation in which the caller holds one of these roles; 403 when they hold none. */
export function orgWhereRole(auth: AuthUser, roles: Role[]): string {
  const held = auth.staff.find((s) => roles.includes(s.role));
  if (!held) throw DomainError.forbidden();
  return held.orgId;
}
