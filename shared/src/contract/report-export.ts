// The office's Excel export as a job: POST /api/reports/:month/exports starts it (or answers the one
// already running for the same person and month), GET /api/reports/exports/:id shows how far it is,
// and once it is done a download link signed for that person, valid for minutes.
import * as v from 'valibot';

export const REPORT_EXPORT_STATES = ['running', 'done', 'failed', 'expired'] as const;
export type ReportExportState = (typeof REPORT_EXPORT_STATES)[number];

export const reportExportView = /* @__PURE__ */ v.object({
  id: /* @__PURE__ */ v.string(),
  month: /* @__PURE__ */ v.string(),
  state: /* @__PURE__ */ v.picklist(REPORT_EXPORT_STATES),
  /** Appeals written to the file so far, of the month's total when the export started. */
  rowsDone: /* @__PURE__ */ v.number(),
  rowsTotal: /* @__PURE__ */ v.number(),
  startedAt: /* @__PURE__ */ v.string(),
  finishedAt: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()),
  /** While done: the file, for the caller only, for a few minutes (ask the job again for a fresh one). */
  downloadUrl: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()),
  fileName: /* @__PURE__ */ v.string(),
  /** When the file is deleted. */
  expiresAt: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()),
  /** Failed or expired: the error code and the sentence saying what to do. */
  error: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.object({ code: /* @__PURE__ */ v.string(), message: /* @__PURE__ */ v.string() })),
});
export type ReportExportView = v.InferOutput<typeof reportExportView>;
