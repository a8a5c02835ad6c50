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
  /** The department a handler acts for here: the sheet's lead, or the co-handling (协办) one. */
  departmentId?: string | null;
}

/** Case roles in the order a person holding several is shown the appeal (most entitled first). */
const CASE_ROLES: Role[] = ['coordinator', 'leader', 'handler'];

export function staffRolesFor(auth: AuthUser, orgId: string): StaffRole[] {
  return auth.staff.filter((s) => s.orgId === orgId);
}

/**
 * `coDepartmentIds`: the co-handling departments (协办) of the sheet in force. Their handlers see the appeal
 * as the department on it does (the same identity rules), and act as 'co_handler': their part of the answer only.
 */
export function accessTo(auth: AuthUser, appeal: Appeal, coDepartmentIds: readonly string[] = []): AppealAccess | null {
  if (appeal.submitterId === auth.user.id) return { viewer: 'owner', actors: ['owner'], userId: auth.user.id };
  const staff = staffRolesFor(auth, appeal.orgId);
  const roles = staff.filter(
    // A handler sees the appeals dispatched to their own department only.
    (s) => CASE_ROLES.includes(s.role) && (s.role !== 'handler' || (s.departmentId !== null && s.departmentId === appeal.departmentId)),
  );
  const co =
    appeal.departmentId !== null && !roles.some((s) => s.role === 'handler')
      ? staff.find((s) => s.role === 'handler' && s.departmentId !== null && coDepartmentIds.includes(s.departmentId))
      : undefined;
  if (!roles.length && !co) return null;
  const actors: Actor[] = CASE_ROLES.filter((role) => roles.some((s) => s.role === role));
  if (co) actors.push('co_handler');
  const handling = roles.find((s) => s.role === 'handler') ?? co;
  return { viewer: (actors[0] === 'co_handler' ? 'handler' : actors[0]) as Viewer, actors, userId: auth.user.id, departmentId: handling?.departmentId ?? null };
}
