// The month's counts an appeal is part of (report_counts, the reports module's) move in the transaction
// of every change to the appeal: the workflow and the submission read what the appeal counts for before
// and after the change and hand both to `move`. The reports module depends on appeals, so appeals cannot
// import it; it registers both functions here when it starts. Without it (a module not loaded) nothing is counted.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What an appeal counts for: opaque here, the reports module's rows. */
export type Tally = unknown;

@Injectable()
export class AppealTallies {
  /** What the appeal counts for as `tx` sees it now. */
  read: (tx: EntityManager, appealId: string) => Promise<Tally> = () => Promise.resolve(null);
  /** Moves the counts from what the appeal counted for to what it counts for now (both from `read`; null: nothing). */
  move: (tx: EntityManager, before: Tally, after: Tally) => Promise<void> = () => Promise.resolve();
}
