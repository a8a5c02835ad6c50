// What a transition handler is: given the appeal, the validated body and who acts (all decided by the
// status machine in the contract before the handler runs), it says what the transition changes and
// records. It may read (through the lookups) but never writes: the pipeline in WorkflowService writes
// its plan in one transaction and publishes the domain event that other modules react to.
import type { ActionBodies, Actor, AppealAction, AppealStatus } from '@minqing/shared';
import type { TransitionAction, TransitionFacts } from '../appeals/appeal-events.js';
import type { DispatchSheet } from '../appeals/entities/dispatch-sheet.entity.js';
import type { SheetDepartment } from '../appeals/entities/sheet-department.entity.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import type { TimelineEntry } from '../appeals/timeline.repository.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Department } from '../org/entities/department.entity.js';
import type { Organization } from '../org/entities/organization.entity.js';
import type { WorkflowLookups } from './workflow-lookups.js';

/** One timeline entry a transition records (the appeal's own unless `appealId` names another). */
export type PlannedEvent = TimelineEntry;

export interface TransitionContext<A extends AppealAction> {
  appeal: Appeal;
  org: Organization;
  category: Category;
  /** The department the appeal is dispatched to now, if any. */
  department: Department | null;
  /** 协办: the co-handling departments of the sheet in force, with their answers. */
  coDepartments: SheetDepartment[];
  /** The department the person acts for, when they act as a handler or a co-handler. */
  actingDepartmentId: string | null;
  actor: Actor;
  body: ActionBodies[A];
  /** The status the machine leads to from here with this body. */
  to: AppealStatus;
  now: Date;
  lookups: WorkflowLookups;
}

export interface TransitionPlan<A extends TransitionAction> {
  /** Changes besides the status (the status is the machine's: `nextStatus`). */
  changes: Partial<Appeal>;
  events: PlannedEvent[];
  /** A new version of the dispatch sheet. */
  sheet?: Omit<DispatchSheet, 'version' | 'issuedBy'>;
  /** With `sheet`: its co-handling departments (协办), by id. */
  coDepartmentIds?: string[];
  /** No co-handling department remains on the appeal (退单). */
  clearCoDepartments?: boolean;
  /** Photos (the acting person's uploads) that go with the plan's first timeline line: a department's answer, the office's reply. */
  photos?: string[];
  /** 协办意见: a co-handling department's part, kept once. */
  coAnswer?: { departmentId: string; text: string };
  /** The body as the handler resolved it, when the machine's choice of status depends on it. */
  resolved?: Partial<ActionBodies[A]>;
  /** What reactions need to know that the appeal before and after does not say. */
  facts: TransitionFacts[A];
}

export type TransitionHandler<A extends TransitionAction> = (context: TransitionContext<A>) => TransitionPlan<A> | Promise<TransitionPlan<A>>;

/** Every transition's handler: the compiler refuses an action of the machine without one. */
export type TransitionHandlers = { [A in TransitionAction]: TransitionHandler<A> };

export const NO_FACTS: Record<string, never> = {};
