// What each entry of the audit log says to the administrator, in Chinese: the action's name and the
// thing it changed by its name (a place, a person, a month), never a code, an id or a setting's key.
import { ROLE_LABELS, type Role } from './enums.js';

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'org.create': '建立单位',
  'org.update': '修改单位信息',
  'place.create': '添加地点',
  'place.update': '修改地点',
  'place.archive': '撤下地点',
  'department.create': '添加部门',
  'department.update': '修改部门',
  'category.create': '添加诉求类别',
  'category.update': '修改诉求类别',
  'role.remove': '取消身份',
  'profile.erase': '删除了自己的个人信息',
  'role.grant': '绑定身份',
  'bind_code.create': '发放绑定码',
  'deadline_policy.update': '修改办理时限',
  'notifications.update': '修改提醒设置',
  'canned_reply.create': '添加常用回复',
  'canned_reply.update': '修改常用回复',
  'canned_reply.delete': '删除常用回复',
  'relief_settings.update': '修改困难帮扶设置',
  'reveal_settings.update': '修改查看身份的规则',
  'official_menu.set': '设置公众号菜单',
  'report.export': '导出月报表格',
  'relief.propose': '提出困难帮扶',
  'relief.approve': '批准困难帮扶',
  'relief.refuse': '不批准困难帮扶',
  'relief.withdraw': '撤回困难帮扶',
  'relief.withdraw_lost': '撤回困难帮扶未成功(职工已先领取)',
  'relief.paid': '困难帮扶已转入职工零钱',
  'relief.failed': '困难帮扶转账没有成功',
  'relief.cancelled': '困难帮扶转账已撤销',
  'identity_reveal.request': '申请查看保密职工身份',
  'identity_reveal.approve': '同意查看保密职工身份',
  'identity_reveal.refuse': '不同意查看保密职工身份',
  'identity_reveal.use': '查看保密职工身份',
};

/** The entry's one line: "添加地点 3号宿舍楼", "取消身份 王主任(部门)", "导出月报表格 2026年11月". */
export function auditSummary(entry: { action: string; before: unknown; after: unknown }, subject: string | null): string {
  const label = AUDIT_ACTION_LABELS[entry.action] ?? '其他修改';
  const role = roleOf(entry.before) ?? roleOf(entry.after);
  const roleText = role && (entry.action.startsWith('role.') || entry.action === 'bind_code.create') ? `(${ROLE_LABELS[role]})` : '';
  const text = [label, subject ? `${subject}${roleText}` : roleText.slice(1, -1)].filter(Boolean).join(' ');
  return text;
}

function roleOf(value: unknown): Role | null {
  const role = value && typeof value === 'object' ? (value as { role?: unknown }).role : undefined;
  return typeof role === 'string' && role in ROLE_LABELS ? (role as Role) : null;
}

/** "2026-11" → "2026年11月". */
export function monthText(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${match[1]}年${Number(match[2])}月` : month;
}
