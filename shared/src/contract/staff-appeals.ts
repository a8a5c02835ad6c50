// The staff's requests on appeals: the list's filters and the reason for looking behind a confidential identity.
// Apart from appeals.ts, whose schemas the worker's forms check, so that the mini-program's main package holds none of these.
import * as v from 'valibot';
import { APPEAL_STATUSES, IDENTITIES } from '../enums.js';
import { openBody } from './rules.js';

/** POST /api/appeals/:id/reveal-requests: the reason, logged on the staff timeline and in the audit log (other fields are ignored). */
export const revealBody = /* @__PURE__ */ openBody({
  reason: /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.string('ACTION_REASON_REQUIRED'),
    /* @__PURE__ */ v.check((s: string) => s.trim() !== '', 'ACTION_REASON_REQUIRED'),
  ),
});

export const APPEAL_QUEUES = ['new', 'review', 'calls', 'overdue', 'supervised', 'due_soon', 'extensions', 'co_handling'] as const;
export type AppealQueue = (typeof APPEAL_QUEUES)[number];

/** How a list is ordered: newest or oldest submitted first, or the soonest answer deadline first (appeals with none after, newest first). */
export const APPEAL_LIST_SORTS = ['newest', 'oldest', 'due'] as const;
export type AppealListSort = (typeof APPEAL_LIST_SORTS)[number];

/** A page holds 20 appeals unless `limit` asks for another number, at most 100; `next` continues where it ended. */
export const APPEAL_LIST_DEFAULT_LIMIT = 20;
export const APPEAL_LIST_MAX_LIMIT = 100;
/** The search box's longest text, in characters. */
export const APPEAL_SEARCH_MAX = 50;

const CODE = /^[A-Za-z0-9_-]{1,24}$/;
const optionalPick = <const T extends readonly string[]>(options: T, code: 'LIST_FILTER_INVALID' = 'LIST_FILTER_INVALID') =>
  /* @__PURE__ */ v.optional(/* @__PURE__ */ v.picklist(options, code));
const optionalCode = () =>
  /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('LIST_FILTER_INVALID'), /* @__PURE__ */ v.regex(CODE, 'LIST_FILTER_INVALID')));
/** A yes/no filter in a query string: 1 or true; 0, false or absent mean "not filtered". */
const optionalFlag = () =>
  /* @__PURE__ */ v.optional(
    /* @__PURE__ */ v.pipe(
      /* @__PURE__ */ v.picklist(['1', 'true', '0', 'false'], 'LIST_FILTER_INVALID'),
      /* @__PURE__ */ v.transform((s: '1' | 'true' | '0' | 'false') => s === '1' || s === 'true'),
    ),
  );

/**
 * GET /api/appeals. scope=mine: the worker's own appeals, newest first (only `cursor` and `limit` apply).
 * Otherwise the staff's list, in the caller's scope: `q` searches the serial, the content, and — only in
 * appeals whose worker the caller may see (shared/src/visibility.ts) — the worker's name and the phone's
 * last four digits. Every filter narrows; unknown keys are ignored; a bad value answers 400 in the envelope.
 * A search tests a few thousand appeals a request: its page may hold fewer than `limit`, even none, with a
 * `next` to search on — only `next: null` says the list is at its end.
 */
export const appealListQuery = /* @__PURE__ */ v.object({
  scope: optionalPick(['mine']),
  q: /* @__PURE__ */ v.optional(
    /* @__PURE__ */ v.pipe(
      /* @__PURE__ */ v.string('LIST_FILTER_INVALID'),
      /* @__PURE__ */ v.transform((s: string) => s.trim()),
      /* @__PURE__ */ v.check((s: string) => [...s].length <= APPEAL_SEARCH_MAX, 'LIST_SEARCH_TOO_LONG'),
    ),
  ),
  status: optionalPick(APPEAL_STATUSES),
  category: optionalCode(),
  department: optionalCode(),
  place: optionalCode(),
  /** YYYY-MM: appeals submitted in that month (the organisation's time zone). */
  month: /* @__PURE__ */ v.optional(
    /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('REPORT_MONTH_INVALID'), /* @__PURE__ */ v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'REPORT_MONTH_INVALID')),
  ),
  /** 1: only 特事特办. */
  urgent: optionalFlag(),
  /** 1: only appeals whose department's answer is past due. */
  overdue: optionalFlag(),
  identity: optionalPick(IDENTITIES),
  sort: optionalPick(APPEAL_LIST_SORTS),
  queue: optionalPick(APPEAL_QUEUES),
  assignee: optionalPick(['me']),
  /** The `next` of the previous page, as it came. */
  cursor: /* @__PURE__ */ v.optional(
    /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('LIST_CURSOR_INVALID'), /* @__PURE__ */ v.regex(/^[A-Za-z0-9_-]{1,400}$/, 'LIST_CURSOR_INVALID')),
  ),
  limit: /* @__PURE__ */ v.optional(
    /* @__PURE__ */ v.pipe(
      /* @__PURE__ */ v.string('LIST_LIMIT_INVALID'),
      /* @__PURE__ */ v.regex(/^\d{1,3}$/, 'LIST_LIMIT_INVALID'),
      /* @__PURE__ */ v.transform(Number),
      /* @__PURE__ */ v.minValue(1, 'LIST_LIMIT_INVALID'),
      /* @__PURE__ */ v.maxValue(APPEAL_LIST_MAX_LIMIT, 'LIST_LIMIT_INVALID'),
    ),
  ),
});
export type AppealListQuery = v.InferOutput<typeof appealListQuery>;
/** The query as the app sends it: strings. */
export type AppealListParams = Partial<Record<keyof AppealListQuery, string>>;

export type InboxRole = 'coordinator' | 'leader' | 'handler';

export interface InboxTab {
  code: string;
  name: string;
  /** What the tab lists (the same parameters the app sends). */
  query: Pick<AppealListQuery, 'queue' | 'status' | 'assignee'>;
}

/**
 * How far a tab's count counts: a tab holding more reads INBOX_COUNT_CAP + 1 in `counts`, shown as
 * 999+ (inboxCountLabel). A badge tells the clerk there is a pile; the exact size of a pile of thousands
 * is the dashboard's figure. So each count reads at most this many index entries, at any size of month.
 */
export const INBOX_COUNT_CAP = 999;

/** A tab's count as its badge reads. */
export const inboxCountLabel = (n: number): string => (n > INBOX_COUNT_CAP ? `${INBOX_COUNT_CAP}+` : String(n));

/**
 * The inbox's tabs by role, shared by the app (which shows them) and the server (which counts them in
 * the first page's `counts`, up to INBOX_COUNT_CAP + 1; 全部 is not counted).
 */
export const INBOX_TABS: Record<InboxRole, readonly InboxTab[]> = {
  coordinator: [
    { code: 'new', name: '新诉求', query: { queue: 'new' } },
    { code: 'review', name: '待复核', query: { queue: 'review' } },
    { code: 'responded', name: '待反馈', query: { status: 'responded' } },
    { code: 'calls', name: '待回访', query: { queue: 'calls' } },
    { code: 'due-soon', name: '即将到期', query: { queue: 'due_soon' } },
    { code: 'overdue', name: '逾期', query: { queue: 'overdue' } },
    { code: 'all', name: '全部', query: {} },
  ],
  leader: [
    { code: 'to-dispatch', name: '待批办', query: { status: 'accepted' } },
    { code: 'extensions', name: '延期审批', query: { queue: 'extensions' } },
    { code: 'overdue', name: '逾期', query: { queue: 'overdue' } },
    { code: 'all', name: '全部', query: {} },
  ],
  handler: [
    { code: 'to-ack', name: '待接单', query: { status: 'dispatched' } },
    { code: 'mine', name: '我负责的', query: { assignee: 'me' } },
    { code: 'doing', name: '办理中', query: { status: 'in_progress' } },
    // 协办: sheets another department leads and this one co-handles.
    { code: 'co', name: '协办', query: { queue: 'co_handling' } },
    { code: 'due-soon', name: '即将到期', query: { queue: 'due_soon' } },
    { code: 'supervised', name: '督办', query: { queue: 'supervised' } },
    { code: 'all', name: '全部', query: {} },
  ],
};
