// The form of each staff action: which fields it asks for, in the words the office uses. The body
// rules themselves are the contract's (validateActionBody), checked before sending.
import { OUTCOMES, OUTCOME_LABELS, type AppealAction, type StaffDirectoryView } from '@minqing/shared';

export type Field =
  | { name: string; label: string; kind: 'text' | 'textarea' | 'date'; optional?: boolean; placeholder?: string }
  | { name: string; label: string; kind: 'switch' }
  | { name: string; label: string; kind: 'choice'; optional?: boolean; options: Array<{ code: string; name: string }> };

export const ACTION_LABELS: Record<AppealAction, string> = {
  accept: '受理',
  reject: '不予受理',
  merge: '合并',
  dispatch: '批办',
  acknowledge: '接单',
  progress: '报进展',
  respond: '答复',
  return: '退回重办',
  reply: '反馈职工',
  calls: '记录回访电话',
  extension: '申请延期',
  'extension-decision': '延期审批',
  rate: '评价',
  reopen: '重新办理',
  // A staff message is read by the worker: named so, apart from 内部备注 (which the worker never sees).
  messages: '回复职工',
};

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
    case 'merge':
      return [{ name: 'into', label: '合并到的诉求编号', kind: 'text', placeholder: '如 CY202611-0001' }];
    case 'dispatch': {
      const chosen = departments.find((d) => d.code === form.department);
      return [
        { name: 'department', label: '承办部门', kind: 'choice', options: departments },
        { name: 'assignee', label: '责任人(可选)', kind: 'choice', optional: true, options: (chosen?.handlers ?? []).map((h) => ({ code: h.id, name: h.name ?? '部门人员' })) },
        { name: 'instructions', label: '批示意见', kind: 'textarea' },
        { name: 'measures', label: '办结措施(可选)', kind: 'textarea', optional: true },
        { name: 'dueAt', label: '办结时限(可选,默认按类别)', kind: 'date', optional: true, placeholder: 'YYYY-MM-DD' },
        { name: 'reason', label: '改动时限的理由', kind: 'text', optional: true },
      ];
    }
    case 'acknowledge':
      return [];
    case 'progress':
      return [{ name: 'text', label: '进展', kind: 'textarea' }, ...(supervised ? [{ name: 'done', label: '计划已完成', kind: 'switch' } as Field] : [])];
    case 'respond':
      return [
        { name: 'outcome', label: '办理结果', kind: 'choice', options: OUTCOMES.map((code) => ({ code, name: OUTCOME_LABELS[code] })) },
        { name: 'text', label: form.outcome === 'explained' ? '解释说明与政策依据' : form.outcome === 'scheduled' ? '办理计划' : '办了什么', kind: 'textarea' },
        ...(form.outcome === 'scheduled' ? [{ name: 'plannedAt', label: '计划完成日期', kind: 'date', placeholder: 'YYYY-MM-DD' } as Field] : []),
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
        { name: 'until', label: '延期到', kind: 'date', placeholder: 'YYYY-MM-DD' },
        { name: 'reason', label: '理由', kind: 'textarea' },
      ];
    case 'messages':
      return [{ name: 'text', label: '给职工的话(职工能看到)', kind: 'textarea' }];
    // The worker rates on their own page; a leader decides an extension in its panel, with one tap.
    case 'rate':
    case 'extension-decision':
      return [];
  }
}

/** A date typed as YYYY-MM-DD means the end of that day at the mine (UTC+8). */
export function toBody(fields: Field[], form: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = form[field.name];
    if (value === undefined || value === '' || (field.kind === 'switch' && value !== true)) continue;
    body[field.name] = field.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:00+08:00`).toISOString() : value;
  }
  return body;
}
