// Response shapes of the HTTP contract (DESIGN §4). Both the server and the mini-program use these.
import type { AppealStatus, Identity, Outcome, Rating, Role } from './enums.js';
import type { AppealAction } from './status-machine.js';
import type { DeadlineStep } from './deadlines.js';

export interface UserView {
  id: string;
  openid?: string;
  roles: Role[];
  org?: string | null;
  name?: string | null;
  unit?: string | null;
  /** Masked, e.g. 138****5678. */
  phone?: string | null;
}

export interface LoginResponse {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  user: UserView;
}

export interface CodeName {
  code: string;
  name: string;
}

export interface PublicOrgView {
  code: string;
  name: string;
  slogan: string;
  categories: CodeName[];
  places: CodeName[];
}

export type TimelineEventType =
  | 'submitted'
  | 'flagged_for_review'
  | 'message'
  | 'accepted'
  | 'rejected'
  | 'merged'
  | 'dispatched'
  | 'acknowledged'
  | 'progress'
  | 'responded'
  | 'returned'
  | 'replied'
  | 'call_logged'
  | 'extension_requested'
  | 'rated'
  | 'reopened'
  | 'auto_closed'
  | 'identity_revealed'
  | 'reminder'
  | 'escalated'
  | 'extension_decided'
  | 'relief';

export interface TimelineEventView {
  id: string;
  type: TimelineEventType;
  /** What the viewer may know of who acted: a role label, never a worker's name for staff of another scope. */
  actor: string;
  text: string | null;
  at: string;
}

export interface PhotoView {
  id: string;
  url: string;
}

export interface AppealSummaryView {
  id: string;
  serial: string;
  status: AppealStatus;
  category: CodeName;
  place: CodeName | null;
  excerpt: string;
  createdAt: string;
  updatedAt: string;
}

export interface AppealView extends AppealSummaryView {
  org: string;
  content: string;
  identity: Identity;
  /** Masked, and only for viewers who may see it. */
  phone: string | null;
  photos: PhotoView[];
  publishConsent: boolean;
  urgent: boolean;
  outcome: Outcome | null;
  rating: Rating | null;
  /** Flagged by the content check for the office to review. */
  underReview?: boolean;
  version: number;
  timeline: TimelineEventView[];
  /** The actions this viewer may take now (from the one status machine). */
  allowedActions: AppealAction[];
  /** Where a merged appeal went: the worker follows that one. */
  mergedInto?: { id: string; serial: string; status: AppealStatus } | null;
  /** Staff views only. */
  staff?: StaffAppealDetails;
}

/** What staff see besides the worker's view; `submitter` is null where the identity is protected. */
export interface StaffAppealDetails {
  submitter: { name: string | null; unit: string | null; phone: string | null } | null;
  /** Why `submitter` is null: 'confidential' (the office may reveal it, with a reason) or 'anonymous'. */
  identityProtected: 'confidential' | 'anonymous' | null;
  department: CodeName | null;
  assignee: { id: string; name: string | null } | null;
  dueAt: string | null;
  plannedAt: string | null;
  supervised: boolean;
  reopenCount: number;
  callLogged: boolean;
  sheets: DispatchSheetView[];
  /** A department's request to move the answer's deadline, waiting for a leader. */
  pendingExtension: { until: string; reason: string } | null;
  /** Each step with its due time and whether it was met in time. */
  steps: StepView[];
}

export interface StepView {
  step: DeadlineStep;
  dueAt: string;
  metAt: string | null;
  /** Superseded (a new sheet, an approved extension). */
  cancelled: boolean;
  onTime: boolean | null;
  overdue: boolean;
}

export interface DispatchSheetView {
  version: number;
  department: CodeName;
  assignee: { id: string; name: string | null } | null;
  instructions: string;
  measures: string | null;
  dueAt: string;
  dueReason: string | null;
  issuedBy: string;
  at: string;
}

export interface StaffAppealSummaryView extends AppealSummaryView {
  urgent: boolean;
  underReview: boolean;
  department: CodeName | null;
  dueAt: string | null;
  overdue: boolean;
  callLogged: boolean;
  /** The reply could not be pushed to the worker (no credit, or WeChat refused it): phone them. */
  needsCall: boolean;
}

export interface UploadView {
  id: string;
  mime: string;
  size: number;
  width: number;
  height: number;
}

export interface SubscriptionResultsRequest {
  /** What `wx.requestSubscribeMessage` returned: template id → 'accept' | 'reject' | 'ban' | 'filter'. */
  results: Record<string, string>;
}

export interface SubscriptionCreditsView {
  credits: Record<string, number>;
}

export interface NoticeView {
  id: string;
  appealId: string | null;
  title: string;
  body: string;
  read: boolean;
  createdAt: string;
}

export interface DemoUserView {
  openid: string;
  label: string;
}

/** What the staff's forms need of their organisation (GET /api/staff/directory). */
export interface StaffDirectoryView {
  org: CodeName;
  categories: CodeName[];
  departments: Array<CodeName & { handlers: Array<{ id: string; name: string | null; isHead: boolean }> }>;
}

export type OutboxStateName = 'pending' | 'sending' | 'sent' | 'no_credit' | 'dead';

/** A notification in the outbox, as the office and the administrator see it (the dead-letter list). */
export interface OutboxItemView {
  id: string;
  channel: 'wechat' | 'robot';
  /** Who it was for: a worker is never named here; staff by name; a robot by its department. */
  recipient: { kind: 'worker' | 'staff' | 'robot'; name: string | null };
  appeal: { id: string; serial: string } | null;
  /** The message's headline, as the recipient would read it. */
  title: string;
  state: OutboxStateName;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface OutboxListView {
  counts: Partial<Record<OutboxStateName, number>>;
  items: OutboxItemView[];
}

export interface NotificationSettingsView {
  /** Post staff news to each department's 企业微信 group robot. */
  robot: boolean;
  departments: Array<{ code: string; name: string; robotKeySet: boolean }>;
}

/** The organisation as its administrator sets it up. */
export interface OrgSetupView {
  code: string;
  name: string;
  slogan: string;
  timeZone: string;
  /** The QR on printed stickers: the ordinary link, or WeChat's mini-program code. */
  stickerQr: 'link' | 'wxacode';
  places: Array<{ code: string; name: string; kind: string; scanCount: number; archived: boolean }>;
  departments: Array<{ code: string; name: string; leader: { openid: string; name: string | null } | null }>;
  categories: Array<{ code: string; name: string; answerHours: number; defaultDepartment: string | null; standingRule: boolean }>;
  staff: Array<{ userId: string; name: string | null; role: Role; department: string | null; isHead: boolean; isSecretary: boolean }>;
}

export interface AuditEntryView {
  at: string;
  actor: string | null;
  action: string;
  entity: string;
  key: string | null;
  before: unknown;
  after: unknown;
}

/** A hardship relief payment as the worker or the staff see it. Amounts in whole fen. */
export interface ReliefView {
  id: string;
  amountFen: number;
  /** e.g. ¥500.00 */
  amount: string;
  state: 'proposed' | 'refused' | 'approved' | 'paying' | 'wait_user_confirm' | 'paid' | 'failed' | 'cancelled';
  /** For the worker's 领取 tap while WeChat Pay waits for them. */
  claim: { mchId: string; appId: string; package: string } | null;
  /** Staff only. */
  reason?: string;
  approvals?: { leader: boolean; approver: boolean };
  failReason?: string | null;
}
