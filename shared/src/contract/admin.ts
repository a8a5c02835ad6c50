// The administrator's setup of the organisation: the organisation itself, places, departments,
// categories, staff roles, the deadline policy, the group robots, the official account's menu, and the
// audit log of every change. Each field's schema carries the code the setup form shows.
import * as v from 'valibot';
import { ROLES } from '../enums.js';
import type { DeadlinePolicy } from '../deadlines.js';
import { isValidCode } from '../sticker.js';
import { isBlank, stripBidiControls } from '../text.js';
import { assertType, closedBody, isPlainObject, type Same } from './rules.js';

/** What kind of place a sticker hangs in: what the administrator may choose from. */
export const PLACE_KINDS = ['dormitory', 'canteen', 'bathhouse', 'office', 'team', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

const setupCode = v.pipe(
  v.string('SETUP_CODE_INVALID'),
  v.check((s: string) => isValidCode(s), 'SETUP_CODE_INVALID'),
);
/** A display name: trimmed, 1 to `max` characters. */
const setupName = (max = 32) =>
  v.pipe(
    v.string('SETUP_NAME_INVALID'),
    v.check((s: string) => !isBlank(s) && Array.from(s.trim()).length <= max, 'SETUP_NAME_INVALID'),
    v.trim(),
    v.transform(stripBidiControls),
  );
const kind = v.picklist(PLACE_KINDS, 'SETUP_KIND_INVALID');
const hours = v.pipe(v.number('SETUP_HOURS_INVALID'), v.integer('SETUP_HOURS_INVALID'), v.minValue(1, 'SETUP_HOURS_INVALID'), v.maxValue(2000, 'SETUP_HOURS_INVALID'));
/** A code, or null to clear it. */
const codeOrNull = v.nullable(setupCode);
const flag = v.boolean('VALIDATION_FAILED');
const timeZone = v.pipe(
  v.string('SETUP_TIME_ZONE_INVALID'),
  v.check((s: string) => {
    if (!s.includes('/')) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: s });
      return true;
    } catch {
      return false;
    }
  }, 'SETUP_TIME_ZONE_INVALID'),
);
/** Every field in the order the setup form lists its problems; a field nobody declared answers BODY_FIELD_UNKNOWN. */
const closed = closedBody;

/** PATCH /api/admin/org */
export const orgUpdateBody = closed({
  code: v.optional(setupCode),
  name: v.optional(setupName(64)),
  slogan: v.optional(setupName(32)),
  timeZone: v.optional(timeZone),
  stickerQr: v.optional(v.picklist(['link', 'wxacode'], 'SETUP_QR_INVALID')),
});
/** POST /api/admin/places */
export const placeCreateBody = closed({ code: setupCode, name: setupName(), kind });
/** PATCH /api/admin/places/:code */
export const placeUpdateBody = closed({ name: v.optional(setupName()), kind: v.optional(kind) });
/** POST /api/admin/departments: the leader in charge by openid. */
export const departmentCreateBody = closed({ code: setupCode, name: setupName(), leader: v.optional(codeOrNull) });
/** PATCH /api/admin/departments/:code */
export const departmentUpdateBody = closed({ name: v.optional(setupName()), leader: v.optional(codeOrNull) });
/** POST /api/admin/categories */
export const categoryCreateBody = closed({ code: setupCode, name: setupName(), answerHours: hours, defaultDepartment: v.optional(codeOrNull), standingRule: v.optional(flag) });
/** PATCH /api/admin/categories/:code */
export const categoryUpdateBody = closed({
  name: v.optional(setupName()),
  answerHours: v.optional(hours),
  standingRule: v.optional(flag),
  defaultDepartment: v.optional(codeOrNull),
});

/** The organisation as its administrator sets it up. */
export const orgSetupView = v.object({
  code: v.string(),
  name: v.string(),
  slogan: v.string(),
  timeZone: v.string(),
  /** The QR on printed stickers: the ordinary link, or WeChat's mini-program code. */
  stickerQr: v.picklist(['link', 'wxacode']),
  places: v.array(v.object({ code: v.string(), name: v.string(), kind: v.string(), scanCount: v.number(), archived: v.boolean() })),
  departments: v.array(v.object({ code: v.string(), name: v.string(), leader: v.nullable(v.object({ openid: v.string(), name: v.nullable(v.string()) })) })),
  categories: v.array(v.object({ code: v.string(), name: v.string(), answerHours: v.number(), defaultDepartment: v.nullable(v.string()), standingRule: v.boolean() })),
  staff: v.array(
    v.object({ userId: v.string(), name: v.nullable(v.string()), role: v.picklist(ROLES), department: v.nullable(v.string()), isHead: v.boolean(), isSecretary: v.boolean() }),
  ),
});

export const auditEntryView = v.object({
  at: v.string(),
  actor: v.nullable(v.string()),
  action: v.string(),
  entity: v.string(),
  key: v.nullable(v.string()),
  /** The entry in the administrator's words (no codes, no ids): what was done to what. */
  summary: v.string(),
  before: v.unknown(),
  after: v.unknown(),
});
export const auditListView = v.array(auditEntryView);

const time = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
const date = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const stepHours = v.object({ normal: v.number(), urgent: v.number() });
const workCalendar = v.object({
  timeZone: v.string(),
  mode: v.picklist(['calendar', 'working']),
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: v.array(v.number()),
  workStart: time,
  workEnd: time,
  holidays: v.array(date),
  extraWorkdays: v.array(date),
});
/** GET and PUT /api/admin/deadline-policy answer the whole policy, defaults filled in. */
export const deadlinePolicyView = v.object({
  calendar: workCalendar,
  quietHours: v.object({ start: time, end: time }),
  hours: v.object({ triage: stepHours, dispatch: stepHours, acknowledge: stepHours }),
  urgentAnswerHours: v.number(),
  escalationDelayHours: v.number(),
});
assertType<Same<v.InferOutput<typeof deadlinePolicyView>, DeadlinePolicy>>();
/** PUT /api/admin/deadline-policy: every part optional, parts left out keep their value (checked by deadlinePolicyProblems). */
export const deadlinePolicyBody = v.strictObject({
  calendar: v.optional(v.partial(v.omit(workCalendar, ['timeZone']))),
  quietHours: v.optional(v.object({ start: time, end: time })),
  hours: v.optional(v.partial(v.object({ triage: stepHours, dispatch: stepHours, acknowledge: stepHours }))),
  urgentAnswerHours: v.optional(v.number()),
  escalationDelayHours: v.optional(v.number()),
});

/** PUT /api/admin/notification-settings: department code → webhook key, or null to remove the department's robot. */
const ROBOT_KEY = /^[A-Za-z0-9-]{8,64}$/;
export const notificationSettingsBody = v.strictObject(
  {
    robot: v.optional(v.boolean()),
    // Checked on the object as sent (valibot's record skips keys such as __proto__, and takes arrays).
    departments: v.optional(
      v.pipe(
        v.custom<Record<string, unknown>>(isPlainObject),
        v.check((keys) => Object.values(keys).every((key) => key === null || (typeof key === 'string' && ROBOT_KEY.test(key)))),
        v.record(v.string(), v.nullable(v.pipe(v.string(), v.regex(ROBOT_KEY)))),
      ),
    ),
    /** Office clerk (openid) → whether they get the to-do message of new appeals (the ten-minute digest). */
    newAppeals: v.optional(v.pipe(v.custom<Record<string, unknown>>(isPlainObject), v.record(v.string(), v.boolean()))),
  },
  'NOTIFICATION_SETTINGS_INVALID',
);
export type NotificationSettingsRequest = v.InferOutput<typeof notificationSettingsBody>;
export const notificationSettingsView = v.object({
  /** Post staff news to each department's 企业微信 group robot. */
  robot: v.boolean(),
  departments: v.array(v.object({ code: v.string(), name: v.string(), robotKeySet: v.boolean() })),
  /** The office's clerks, and whether each gets the to-do message of new appeals (with their own WeChat consent). */
  office: v.array(v.object({ openid: v.string(), name: v.nullable(v.string()), newAppeals: v.boolean() })),
});

/** POST /api/admin/official-account-menu answers the menu it set. */
export const officialMenuView = v.object({
  button: v.array(
    v.object({
      type: v.optional(v.picklist(['view', 'miniprogram', 'click'])),
      name: v.string(),
      url: v.optional(v.string()),
      appid: v.optional(v.string()),
      pagepath: v.optional(v.string()),
    }),
  ),
});

export type OrgSetupView = v.InferOutput<typeof orgSetupView>;
export type AuditEntryView = v.InferOutput<typeof auditEntryView>;
export type NotificationSettingsView = v.InferOutput<typeof notificationSettingsView>;
