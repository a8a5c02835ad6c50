// 同感 (me too): a worker adds their voice to an appeal already made — one at the same place on the submit
// form, or one on the 公示's resolved list — instead of making another. Counted once per worker; who added
// it is never shown to anyone (not even the office: a count is what the office needs to weigh the matter).
import * as v from 'valibot';
import { codeNameView } from './appeal-views.js';
import { closedBody } from './rules.js';

/** How far back the submit form looks for an open appeal at the same place, in days. */
export const SIMILAR_APPEAL_DAYS = 30;

const serial = v.pipe(v.string('APPEAL_NOT_FOUND'), v.regex(/^[A-Za-z0-9_-]{1,60}$/, 'APPEAL_NOT_FOUND'));

/** POST /api/supports: 同感 with the appeal named by its serial (the number the list and the form show). */
export const supportBody = /* @__PURE__ */ closedBody({ serial });
export type SupportRequest = v.InferOutput<typeof supportBody>;

/** The appeal's count after the tap; `added` false when this worker had already added theirs. */
export const supportView = v.object({ serial: v.string(), supports: v.number(), added: v.boolean() });
export type SupportView = v.InferOutput<typeof supportView>;

/** GET /api/supports/similar?org=&place=&category=: the open appeals at that place, of that category, lately. */
export const similarAppealsQuery = v.object({ org: v.string('ORG_UNKNOWN'), place: v.string('PLACE_UNKNOWN'), category: v.string('CATEGORY_UNKNOWN') });

/** One such appeal as another worker may see it: what, where, when, how many — never who. */
export const similarAppealView = v.object({
  serial: v.string(),
  category: codeNameView,
  place: codeNameView,
  excerpt: v.string(),
  createdAt: v.string(),
  supports: v.number(),
  /** This worker has added their 同感 already. */
  mine: v.boolean(),
});
export const similarAppealsView = v.object({ items: v.array(similarAppealView) });
export type SimilarAppealView = v.InferOutput<typeof similarAppealView>;
export type SimilarAppealsView = v.InferOutput<typeof similarAppealsView>;

/** GET /api/public/orgs/:org/supports?serials=A,B: the public counts of the listed appeals (unknown ones 0). */
export const publicSupportsQuery = v.object({ serials: v.optional(v.pipe(v.string(), v.maxLength(2000))) });
export const publicSupportsView = v.object({ counts: v.record(v.string(), v.number()) });
export type PublicSupportsView = v.InferOutput<typeof publicSupportsView>;
