// The leaders' board of what is late now: the appeals past their department's deadline, by department
// and by the person handling them — what a leader reads on the way to a meeting. The appeals themselves,
// longest late first, are the staff list's (GET /api/appeals?queue=overdue&sort=due).
import * as v from 'valibot';
import { codeNameView } from './appeal-views.js';

const { nullable, string: str } = v;

/** GET /api/overdue-board: `at`, when it was read; each department's late appeals, most first. */
export const overdueBoardView = v.object({
  at: str(),
  total: v.number(),
  departments: v.array(
    v.object({
      department: codeNameView,
      /** Its late appeals and its late co-handling parts (协办意见, on appeals another department leads). */
      count: v.number(),
      /** Of `count`, the co-handling parts; they name no person (the sheet names the lead's). */
      coHandling: v.number(),
      /** How long the longest-waiting of them is past its deadline, in whole hours. */
      longestHoursLate: v.number(),
      /** Each person with late appeals, most first; `name` null: the sheet names nobody (the department as a whole). */
      people: v.array(v.object({ name: nullable(str()), count: v.number() })),
    }),
  ),
});

export type OverdueBoardView = v.InferOutput<typeof overdueBoardView>;
