// The form of each staff action: which fields it asks for, in the words the office uses. The body
// rules themselves are the contract's (validateActionBody), checked before sending.
import { OUTCOMES, OUTCOME_LABELS, type AppealAction, type StaffDirectoryView } from '@minqing/shared';

export type Field =
  | { name: string; label: string; kind: 'text' | 'textarea' | 'date'; optional?: boolean; placeholder?: string }
  | { name: string; label: string; kind: 'switch' }
  | { name: string; label: string; kind: 'choice'; optional?: boolean; options: Array<{ code: string; name: string }> }
  | { name: string; label: string; kind: 'multi'; optional: true; options: Array<{ code: string; name: string }> };

export const ACTION_LABELS: Record<AppealAction, string> = {
  accept: '受理',
  reject: '不予受理',
  merge: '合并',
  dispatch: '批办',
  acknowledge: '接单',
  progress: '报进展',
  respond: '答复',
  return: '退回重办',
  // The 12345 hotline's word for a department sending a misrouted sheet back.
  'send-back': '退单',
  'co-answer': '提出协办意见',
  reply: '反馈职工',
  calls: '记录回访电话',
  extension: '申请延期',
  'extension-decision': '延期审批',
  rate: '评价',
  reopen: '重新办理',
  // A staff message is read by the worker: named so, apart from 内部备注 (which the worker never sees).
  messages: '回复职工',
  withdraw: '撤回',
};

/**
 * The three answers in the department's words (能解决的马上办, 当下解决不了的督促办, 解决不了的及时解释说明);
 * the short names (OUTCOME_LABELS) stay for the timeline and the reports.
 */
const OUTCOME_CHOICES: Record<(typeof OUTCOMES)[number], string> = {
  resolved: `${OUTCOME_LABELS.resolved}(马上办好了)`,
  scheduled: `${OUTCOME_LABELS.scheduled}(一时办不完,定计划限期办)`,
  explained: `${OUTCOME_LABELS.explained}(办不了,向职工说明原因)`,
};

/** Actions that cannot be taken back: shaped as such (red words), and asked once more before they are sent. */
export const CONFIRMATIONS: Partial<Record<AppealAction, { title: string; content: string; confirmText: string }>> = {
  'send-back': { title: '确定退单?', content: '批办单退回给批办人重新批办,本部门的待办里不再有这件诉求,也不能再办理它。', confirmText: '退单' },
};

/** Actions whose answer may carry before/after photos for the worker (answer-photos.tsx). */
export const PHOTO_ACTIONS: readonly AppealAction[] = ['respond', 'reply'];

/** Actions that ask nothing: one tap does them (接单). */
export const ONE_TAP_ACTIONS: readonly AppealAction[] = ['acknowledge'];

export function fieldsFor(action: AppealAction, directory: StaffDirectoryView | null, form: Record<string, unknown>, supervised: boolean): Field[] {
  const departments = directory?.departments ?? [];
  switch (action) {
    case 'accept':
      return [
        { name: 'urgent', label: '特事特办(直送党委书记)', kind: 'switch' },
        { name: 'category', label: '调整类别(可选)', kind: 'choice', optional: true, options: directory?.categories ?? [] },
      ];
    case 'reject':
    case 'return':
    case 'reopen':
      return [{ name: 'reason', label: '理由', kind: 'textarea' }];
    case 'co-answer':
      return [{ name: 'text', label: '协办意见(本部门办理的部分,主办部门会一并答复)', kind: 'textarea' }];
    case 'send-back':
      return [{ name: 'reason', label: '退单理由(为什么不该由本部门办理,批办人会看到)', kind: 'textarea' }];
    case 'merge':
      return [{ name: 'into', label: '合并到的诉求编号', kind: 'text', placeholder: '如 CY202611-0001' }];
    case 'dispatch': {
      const chosen = departments.find((d) => d.code === form.department);
      return [
        { name: 'department', label: '主办部门', kind: 'choice', options: departments },
        // 协办: any others that handle their part; the lead answers the appeal.
        { name: 'coDepartments', label: '协办部门(可选,可多选)', kind: 'multi', optional: true, options: departments.filter((d) => d.code !== form.department) },
        { name: 'assignee', label: '责任人(可选)', kind: 'choice', optional: true, options: (chosen?.handlers ?? []).map((h) => ({ code: h.id, name: h.name ?? '部门人员' })) },
        { name: 'instructions', label: '批示意见', kind: 'textarea' },
        { name: 'measures', label: '办结措施(可选)', kind: 'textarea', optional: true },
        { name: 'dueAt', label: '办结时限(可选)', kind: 'date', optional: true },
        { name: 'reason', label: '改动时限的理由', kind: 'text', optional: true },
      ];
    }
    case 'acknowledge':
      return [];
    case 'progress':
      return [{ name: 'text', label: '进展', kind: 'textarea' }, ...(supervised ? [{ name: 'done', label: '计划已完成', kind: 'switch' } as Field] : [])];
    case 'respond':
      return [
        { name: 'outcome', label: '办理结果', kind: 'choice', options: OUTCOMES.map((code) => ({ code, name: OUTCOME_CHOICES[code] })) },
        { name: 'text', label: form.outcome === 'explained' ? '解释说明与政策依据' : form.outcome === 'scheduled' ? '办理计划' : '办了什么', kind: 'textarea' },
        ...(form.outcome === 'scheduled' ? [{ name: 'plannedAt', label: '计划完成日期', kind: 'date' } as Field] : []),
      ];
    case 'reply':
      return [
        { name: 'text', label: '反馈给职工的话', kind: 'textarea' },
        { name: 'publicSummary', label: '公示摘要建议(可选,不含姓名)', kind: 'textarea', optional: true },
      ];
    case 'calls':
      return [
        {
          name: 'result',
          label: '电话结果',
          kind: 'choice',
          options: [
            { code: 'reached', name: '已接通' },
            { code: 'not_reached', name: '未接通' },
          ],
        },
        { name: 'summary', label: '通话情况(可选)', kind: 'textarea', optional: true },
      ];
    case 'extension':
      return [
        { name: 'until', label: '延期到', kind: 'date' },
        { name: 'reason', label: '理由', kind: 'textarea' },
      ];
    case 'messages':
      return [{ name: 'text', label: '给职工的话(职工能看到)', kind: 'textarea' }];
    // The worker rates and withdraws on their own page; a leader decides an extension in its panel, with one tap.
    case 'rate':
    case 'extension-decision':
    case 'withdraw':
      return [];
  }
}

/**
 * A date as the office types it — "12月5日", "12-5", "12/5", "2026-12-05", "2026年12月5日" — as YYYY-MM-DD, or
 * null when it is none. Without a year, the next such day from today (a December sheet due "1月3日" is next year's).
 * Hand-written: the few forms people type on a phone, in the mine's calendar; no date library parses 月/日.
 */
export function parseDateInput(text: string, today: string): string | null {
  const match = /^\s*(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?\s*$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [match[1] ? Number(match[1]) : Number(today.slice(0, 4)), Number(match[2]), Number(match[3])];
  const iso = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const probe = new Date(`${iso(year)}T00:00:00Z`);
  if (month < 1 || month > 12 || probe.getUTCMonth() + 1 !== month || probe.getUTCDate() !== day) return null;
  return !match[1] && iso(year) < today ? iso(year + 1) : iso(year);
}

/** Today at the mine (UTC+8), as YYYY-MM-DD. */
export const mineToday = (now: Date = new Date()): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The day at the mine (UTC+8) of an instant, as YYYY-MM-DD. */
export const mineDay = (iso: string): string => mineToday(new Date(iso));

/** The time of day at the mine (UTC+8) of an instant, as HH:MM. */
export const mineTime = (iso: string): string => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

/** The day `days` after a YYYY-MM-DD day. */
export const daysAfter = (day: string, days: number): string => new Date(new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** "2026-12-05" → "12月5日(周六)". */
export function dateWords(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return `${date.getUTCMonth() + 1}月${date.getUTCDate()}日(周${'日一二三四五六'[date.getUTCDay()]})`;
}

/**
 * The form's fields as the action's body; a date means the end of that day at the mine (UTC+8). `defaults`: a
 * date field's default instant (the sheet's deadline by the category); the default's day picked is sent as no
 * date, so the sheet keeps the default (and asks no reason for a changed deadline).
 */
export function toBody(fields: Field[], form: Record<string, unknown>, today: string = mineToday(), defaults: Record<string, string> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = form[field.name];
    if (value === undefined || value === '' || (field.kind === 'switch' && value !== true)) continue;
    if (field.kind === 'date' && defaults[field.name] && typeof value === 'string' && parseDateInput(value, today) === mineDay(defaults[field.name])) continue;
    if (field.kind === 'multi') {
      // Only what is still offered (a department chosen as the lead is no longer a co-handling one).
      const chosen = (value as string[]).filter((code) => field.options.some((o) => o.code === code));
      if (chosen.length) body[field.name] = chosen;
      continue;
    }
    const date = field.kind === 'date' && typeof value === 'string' ? parseDateInput(value, today) : null;
    body[field.name] = date ? new Date(`${date}T23:59:00+08:00`).toISOString() : value;
  }
  return body;
}

/** The first date field typed so that no date can be read from it, for the form to say so before sending. */
export function unreadableDate(fields: Field[], form: Record<string, unknown>, today: string = mineToday()): Field | null {
  return (
    fields.find((f) => f.kind === 'date' && typeof form[f.name] === 'string' && (form[f.name] as string).trim() !== '' && !parseDateInput(form[f.name] as string, today)) ?? null
  );
}
