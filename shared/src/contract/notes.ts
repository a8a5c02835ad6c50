// Internal notes (内部备注): what staff write to each other about an appeal — the office to a
// department, a leader to the office. Never a message to the worker and never a transition of the
// closed loop: a note changes no status, is kept in its own table, and appears only in the staff's view
// of the appeal (the office, the leaders, the department on the sheet), never in anything a worker or
// the public can read.
import * as v from 'valibot';
import { text } from './fields.js';
import { closedBody } from './rules.js';

export const NOTE_TEXT_MAX = 1000;

/** POST /api/appeals/:id/notes */
export const noteBody = /* @__PURE__ */ closedBody({ text: /* @__PURE__ */ text('NOTE_TEXT_REQUIRED', NOTE_TEXT_MAX, 'NOTE_TEXT_TOO_LONG') });
export type NoteRequest = v.InferOutput<typeof noteBody>;

/** One note as staff see it: who wrote it (the person and their department or office) and when. */
export const noteView = /* @__PURE__ */ v.object({
  id: /* @__PURE__ */ v.string(),
  text: /* @__PURE__ */ v.string(),
  /** The writer's office or department: 党群工作部, 矿领导, or the department's name. */
  unit: /* @__PURE__ */ v.string(),
  /** The writer's name (null when they never gave one). */
  person: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()),
  at: /* @__PURE__ */ v.string(),
});
export type NoteView = v.InferOutput<typeof noteView>;
