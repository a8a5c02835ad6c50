// Who may see an appeal, as whom, and which actors they may act as. Every read and every action asks
// this first; no access answers 404, so ids reveal nothing.
import type { Actor, Role } from '@minqing/shared';
import type { AuthUser } from '../users/auth-user.js';
import type { StaffRole } from '../users/entities/staff-role.entity.js';
import type { Appeal } from './entities/appeal.entity.js';

/** How the appeal is shown: to its worker, or to staff of one kind (identity rules differ). */
export type Viewer = 'owner' | 'coordinator' | 'leader' | 'handler';

export interface AppealAccess {
  viewer: Viewer;
  /** The person viewing (photo URLs are signed for them). */
  userId: string;
  actors: Actor[];
}

/** Case roles in the order a person holding several is shown the appeal (most entitled first). */
const CASE_ROLES: Role[] = ['coordinator', 'leader', 'handler'];

export function staffRolesFor(auth: AuthUser, orgId: string): StaffRole[] {
  return auth.staff.filter((s) => s.orgId === orgId);
}

export function accessTo(auth: AuthUser, appeal: Appeal): AppealAccess | null {
  if (appeal.submitterId === auth.user.id) return { viewer: 'owner', actors: ['owner'], userId: auth.user.id };
  const roles = staffRolesFor(auth, appeal.orgId).filter(
    // A handler sees the appeals dispatched to their own department only.
    (s) => CASE_ROLES.includes(s.role) && (s.role !== 'handler' || (s.departmentId !== null && s.departmentId === appeal.departmentId)),
  );
  if (!roles.length) return null;
  const actors = CASE_ROLES.filter((role) => roles.some((s) => s.role === role));
  return { viewer: actors[0] as Viewer, actors, userId: auth.user.id };
}
