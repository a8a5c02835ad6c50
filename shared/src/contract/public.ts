// What anyone may read or send without logging in: the submit form's organisation, sticker scans,
// the health check, the published reports (their schemas are in reports.ts).
import * as v from 'valibot';
import { codeNameView } from './appeal-views.js';

export const publicOrgView = v.object({
  code: v.string(),
  name: v.string(),
  slogan: v.string(),
  categories: v.array(codeNameView),
  places: v.array(codeNameView),
});

/** GET /api/public/orgs/:org */
export const publicOrgResponse = v.object({
  ...publicOrgView.entries,
  /** Template ids the mini-program asks the worker to allow when they submit (at most 3). */
  subscribeTemplates: v.array(v.string()),
  /** The staff's to-do reminder template, asked for by the admin tab's 接收提醒 button. */
  staffSubscribeTemplates: v.array(v.string()),
});

/** POST /api/public/orgs/scans: the scene of the mini-program code that opened the app (anything else is ignored). */
export const scanBody = v.looseObject({ scene: v.optional(v.pipe(v.string(), v.maxLength(64))) });

/** GET /api/health (200 up, 503 when the database does not answer or the photos' disk is failing). */
export const healthView = v.object({
  status: v.string(),
  database: v.object({ type: v.string(), up: v.boolean(), latencyMs: v.optional(v.number()) }),
  /** Failing when free space is below UPLOAD_MIN_FREE_MB or the last photo write found the disk full. */
  storage: v.object({ up: v.boolean(), freeBytes: v.nullable(v.number()) }),
});

export type PublicOrgView = v.InferOutput<typeof publicOrgView>;
export type PublicOrgResponse = v.InferOutput<typeof publicOrgResponse>;
export type HealthView = v.InferOutput<typeof healthView>;
