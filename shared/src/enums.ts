// The fixed vocabulary of the contract (the API and the database). Values are what travels over HTTP and is stored.

export const APPEAL_STATUSES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'responded', 'replied', 'closed', 'rejected', 'merged', 'withdrawn'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const OUTCOMES = ['resolved', 'scheduled', 'explained'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const IDENTITIES = ['named', 'confidential', 'anonymous'] as const;
export type Identity = (typeof IDENTITIES)[number];

export const ROLES = ['worker', 'coordinator', 'leader', 'handler', 'admin', 'group_admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['coordinator', 'leader', 'handler', 'admin', 'group_admin'];

/** Category codes of the demo mine; organisations may define others, so the server never relies on this list. */
export const DEMO_CATEGORY_CODES = ['living', 'welfare', 'rights', 'hardship', 'advice'] as const;

/** Categories whose appeals default to confidential identity (a 权益维护 complaint often names the worker's own superior). */
export const CONFIDENTIAL_BY_DEFAULT_CATEGORIES: readonly string[] = ['rights'];

export const STATUS_LABELS: Record<AppealStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  dispatched: '已批办',
  in_progress: '办理中',
  responded: '已答复待反馈',
  replied: '已反馈',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已合并',
  withdrawn: '已撤回',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  resolved: '已解决',
  scheduled: '督促办理',
  explained: '解释说明',
};

export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export const IDENTITY_LABELS: Record<Identity, string> = {
  named: '实名',
  confidential: '保密(仅党群工作部可见)',
  anonymous: '匿名',
};

export const ROLE_LABELS: Record<Role, string> = {
  worker: '职工',
  coordinator: '党群工作部',
  leader: '矿领导',
  handler: '部门',
  admin: '管理员',
  group_admin: '集团管理员',
};
