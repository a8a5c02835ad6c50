// Parts of an appeal's staff view that other modules keep: its deadline steps (deadlines), whether
// the worker's reply message reached their phone (notifications), its internal notes (notes) and its 同感 count (support). Those modules depend on appeals, so
// appeals cannot import them; each registers its part here when it starts, and the view builder asks.
// Without a provider (a module not loaded) a part is empty.
import { Injectable } from '@nestjs/common';
import type { DeadlineStep } from '@minqing/shared';

export interface StepPart {
  step: DeadlineStep;
  /** The department whose step it is, if a department's. */
  departmentId?: string | null;
  dueAt: Date;
  metAt: Date | null;
  cancelledAt: Date | null;
}

export interface NotePart {
  id: string;
  authorId: string;
  authorRole: string;
  departmentId: string | null;
  text: string;
  createdAt: Date;
}

/** A department's co-handling parts (协办意见) past their own deadline, on appeals still being handled. */
export interface LatePart {
  departmentId: string;
  count: number;
  earliestDue: Date;
}

@Injectable()
export class AppealViewParts {
  /** The 督办看板's late co-handling parts, per department (a department's own only, when given). */
  lateParts: (orgId: string, departmentId: string | null, now: Date) => Promise<LatePart[]> = () => Promise.resolve([]);
  /** The appeal's deadline steps, oldest first. */
  steps: (appealId: string) => Promise<StepPart[]> = () => Promise.resolve([]);
  /** Of these replied appeals, those whose reply message could not be delivered (the office must call). */
  unpushedReplies: (appealIds: string[]) => Promise<Set<string>> = () => Promise.resolve(new Set());
  /** The appeal's internal notes, oldest first — asked for staff views only. */
  notes: (appealId: string) => Promise<NotePart[]> = () => Promise.resolve([]);
  /** How many workers added 同感 to each of these appeals (never who) — asked for staff views only. */
  supports: (appealIds: string[]) => Promise<Map<string, number>> = () => Promise.resolve(new Map());
}
