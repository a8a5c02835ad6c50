// Typed calls per domain, on the contract's types.
import Taro from '@tarojs/taro';
import type {
  AppealAction,
  AppealSummaryView,
  StaffAppealSummaryView,
  StaffDirectoryView,
  AppealView,
  NoticeView,
  AuditEntryView,
  BindCodeView,
  CannedReplyView,
  NotificationSettingsView,
  GroupRankingsView,
  OrgSetupView,
  ReliefView,
  ReliefSettingsStateView,
  RevealRequestView,
  OutboxListView,
  OverdueBoardView,
  PublicReportItemPage,
  PublicReportView,
  ReportExportView,
  ReportExclusionPage,
  ReportFigures,
  ReportItemPage,
  ReportView,
  OutboxStateName,
  PublicOrgView,
  PublicSupportsView,
  SimilarAppealsView,
  SupportView,
  Rating,
  SubmitAppealRequest,
  SubscriptionCreditsView,
  UpdateProfileRequest,
  UploadView,
  UserView,
  VoiceUploadView,
} from '@minqing/shared';
import { ApiError, getToken, request, toApiError } from './request';

export interface PublicOrg extends PublicOrgView {
  /** The worker's templates: accepted, progress, replied. */
  subscribeTemplates: string[];
  /** The staff's to-do reminder. */
  staffSubscribeTemplates: string[];
}

export const getPublicOrg = (org: string) => request<PublicOrg>(`/api/public/orgs/${encodeURIComponent(org)}`, { auth: false });

/** Opened by a mini-program code on a sticker: one scan of that place. Best effort. */
export const recordScan = (scene: string) => request<void>('/api/public/orgs/scans', { method: 'POST', data: { scene }, auth: false }).catch(() => undefined);

export const submitAppeal = (body: SubmitAppealRequest, idempotencyKey: string) =>
  request<AppealView>('/api/appeals', { method: 'POST', data: body, headers: { 'Idempotency-Key': idempotencyKey } });

/** A page of 我的诉求; `cursor`: the previous page's `next`. */
export const listMyAppeals = (cursor?: string | null) =>
  request<{ items: AppealSummaryView[]; next: string | null }>(`/api/appeals?scope=mine${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
export const addSupport = (serial: string) => request<SupportView>('/api/supports', { method: 'POST', data: { serial } });
export const getSimilarAppeals = (org: string, place: string, category: string) =>
  request<SimilarAppealsView>(`/api/supports/similar?org=${encodeURIComponent(org)}&place=${encodeURIComponent(place)}&category=${encodeURIComponent(category)}`);
export const getPublicSupports = (org: string, serials: string[]) =>
  request<PublicSupportsView>(`/api/public/orgs/${encodeURIComponent(org)}/supports?serials=${encodeURIComponent(serials.join(','))}`, { auth: false });
export const getAppeal = (id: string) => request<AppealView>(`/api/appeals/${encodeURIComponent(id)}`);
/** A 补充说明 or a staff message: words, and for the worker a voice note and photos (their upload ids). */
export const addMessage = (id: string, text: string, extras: { voice?: string; photos?: string[] } = {}) =>
  request<AppealView>(`/api/appeals/${encodeURIComponent(id)}/messages`, {
    method: 'POST',
    data: { text, ...(extras.voice ? { voice: extras.voice } : {}), ...(extras.photos?.length ? { photos: extras.photos } : {}) },
  });

export const rateAppeal = (id: string, version: number, rating: Rating, comment?: string) =>
  request<AppealView>(`/api/appeals/${encodeURIComponent(id)}/rate`, { method: 'POST', data: { rating, version, ...(comment ? { comment } : {}) } });

/** A page of the staff's list; `next` continues it, `counts` (first page only) are the inbox tabs'. */
export const listStaffAppeals = (query: Record<string, string>) =>
  request<{ items: StaffAppealSummaryView[]; next: string | null; counts?: Record<string, number> }>(
    `/api/appeals?${Object.entries(query)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&')}`,
  );

export const actOnAppeal = (id: string, action: AppealAction, body: Record<string, unknown>) =>
  request<AppealView>(`/api/appeals/${encodeURIComponent(id)}/${action}`, { method: 'POST', data: body });

/** 内部备注: staff-only, never shown to the worker. */
export const addNote = (id: string, text: string) => request<AppealView>(`/api/appeals/${encodeURIComponent(id)}/notes`, { method: 'POST', data: { text } });

export const decideExtension = (id: string, approve: boolean, version: number) =>
  request<AppealView>(`/api/appeals/${encodeURIComponent(id)}/extension-decision`, { method: 'POST', data: { approve, version } });

export const getStaffDirectory = () => request<StaffDirectoryView>('/api/staff/directory');

/** 申请查看联系方式 of a confidential worker: a second person approves, then the requester may read it for a while. */
export const requestReveal = (id: string, reason: string) =>
  request<RevealRequestView>(`/api/appeals/${encodeURIComponent(id)}/reveal-requests`, { method: 'POST', data: { reason } });
export const listRevealRequests = () => request<{ items: RevealRequestView[] }>('/api/reveal-requests');
export const decideReveal = (id: string, approve: boolean) =>
  request<RevealRequestView>(`/api/reveal-requests/${encodeURIComponent(id)}/decision`, { method: 'POST', data: { approve } });
export const readRevealedContact = (id: string) =>
  request<{ name: string | null; unit: string | null; phone: string | null }>(`/api/reveal-requests/${encodeURIComponent(id)}/contact`, { method: 'POST', data: {} });

export const bindStaffRole = (code: string) => request<UserView>('/api/me/bind', { method: 'POST', data: { code } });

export const listOutbox = (state: OutboxStateName) => request<OutboxListView>(`/api/admin/outbox?state=${state}`);
export const retryOutboxMessage = (id: string) => request<{ state: OutboxStateName }>(`/api/admin/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST', data: {} });

export const listPublishedMonths = (org: string) =>
  request<{ months: Array<{ month: string; version: number }> }>(`/api/public/orgs/${encodeURIComponent(org)}/reports`, { auth: false });
export const getPublicReport = (org: string, month: string) => request<PublicReportView>(`/api/public/orgs/${encodeURIComponent(org)}/reports/${month}`, { auth: false });
export const getPublicReportItems = (org: string, month: string, cursor: string) =>
  request<PublicReportItemPage>(`/api/public/orgs/${encodeURIComponent(org)}/reports/${month}/items?cursor=${encodeURIComponent(cursor)}`, { auth: false });

export const getLiveFigures = (month: string) => request<ReportFigures>(`/api/reports/live/${month}`);
export const getReport = (month: string) => request<ReportView>(`/api/reports/${month}`);
/** The page of the month's items after `cursor` (the view's `next`: it names the version). */
export const getReportItems = (month: string, cursor: string) => request<ReportItemPage>(`/api/reports/${month}/items?cursor=${encodeURIComponent(cursor)}`);
export const getReportExclusions = (month: string, cursor: string) => request<ReportExclusionPage>(`/api/reports/${month}/exclusions?cursor=${encodeURIComponent(cursor)}`);
export const draftReport = (month: string) => request<ReportView>(`/api/reports/${month}/draft`, { method: 'POST', data: {} });
export const editReportItem = (month: string, item: string, body: { summary?: string | null; included?: boolean }) =>
  request<ReportView>(`/api/reports/${month}/items/${encodeURIComponent(item)}`, { method: 'PATCH', data: body });
export const publishReport = (month: string, note?: string) => request<ReportView>(`/api/reports/${month}/publish`, { method: 'POST', data: note ? { note } : {} });
export const startReportExport = (month: string) => request<ReportExportView>(`/api/reports/${month}/exports`, { method: 'POST', data: {} });
export const getReportExport = (id: string) => request<ReportExportView>(`/api/reports/exports/${encodeURIComponent(id)}`);

export const getOrgSetup = () => request<OrgSetupView>('/api/admin/org');
export const updateOrgSetup = (body: Partial<Pick<OrgSetupView, 'name' | 'slogan' | 'stickerQr'>>) => request<OrgSetupView>('/api/admin/org', { method: 'PATCH', data: body });
export const createPlace = (body: { code: string; name: string; kind: string }) => request<OrgSetupView>('/api/admin/places', { method: 'POST', data: body });
export const archivePlace = (code: string) => request<OrgSetupView>(`/api/admin/places/${encodeURIComponent(code)}`, { method: 'DELETE' });
export const updateCategory = (code: string, body: { answerHours?: number; standingRule?: boolean }) =>
  request<OrgSetupView>(`/api/admin/categories/${encodeURIComponent(code)}`, { method: 'PATCH', data: body });
export const removeRole = (userId: string, role: string) => request<OrgSetupView>(`/api/admin/staff/${encodeURIComponent(userId)}/roles/${role}`, { method: 'DELETE' });
/** 删除我的个人信息: the server erases them and ends the sessions. */
export const eraseMyData = () => request<{ erased: true }>('/api/me', { method: 'DELETE' });
export const getAuditTrail = () => request<AuditEntryView[]>('/api/admin/audit');
export const issueBindCode = (body: { role: string; department?: string; isHead?: boolean }) => request<BindCodeView>('/api/admin/bind-codes', { method: 'POST', data: body });
export const createDepartment = (body: { code: string; name: string }) => request<OrgSetupView>('/api/admin/departments', { method: 'POST', data: body });
export const renameDepartment = (code: string, name: string) => request<OrgSetupView>(`/api/admin/departments/${encodeURIComponent(code)}`, { method: 'PATCH', data: { name } });
export const getNotificationSettings = () => request<NotificationSettingsView>('/api/admin/notification-settings');
export const updateNotificationSettings = (body: { robot?: boolean; departments?: Record<string, string | null>; newAppeals?: Record<string, boolean> }) =>
  request<NotificationSettingsView>('/api/admin/notification-settings', { method: 'PUT', data: body });
export const getOverdueBoard = () => request<OverdueBoardView>('/api/overdue-board');

/** 常用回复: with a category, that category's and those for every category. */
export const listCannedReplies = (category?: string) =>
  request<CannedReplyView[]>(category ? `/api/canned-replies?category=${encodeURIComponent(category)}` : '/api/canned-replies');
export const createCannedReply = (body: { category: string | null; text: string }) => request<CannedReplyView>('/api/canned-replies', { method: 'POST', data: body });
export const updateCannedReply = (id: string, body: { category?: string | null; text?: string }) =>
  request<CannedReplyView>(`/api/canned-replies/${encodeURIComponent(id)}`, { method: 'PATCH', data: body });
export const deleteCannedReply = (id: string) => request<CannedReplyView[]>(`/api/canned-replies/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const getReliefSettings = () => request<ReliefSettingsStateView>('/api/admin/relief-settings');
export const saveReliefSettings = (body: { monthlyBudgetFen?: number; approver?: string }) =>
  request<{ monthlyBudgetFen: number | null; approver: string | null }>('/api/admin/relief-settings', { method: 'PUT', data: body });
export const getGroupRankings = (month: string) => request<GroupRankingsView>(`/api/group/rankings/${month}`);

export const listRelief = (appealId: string) => request<{ items: ReliefView[] }>(`/api/appeals/${encodeURIComponent(appealId)}/relief`);
export const proposeRelief = (appealId: string, amountFen: number, reason: string) =>
  request<ReliefView>(`/api/appeals/${encodeURIComponent(appealId)}/relief`, { method: 'POST', data: { amountFen, reason } });
export const decideRelief = (id: string, approve: boolean) => request<ReliefView>(`/api/relief/${encodeURIComponent(id)}/decision`, { method: 'POST', data: { approve } });
export const reliefClaimed = (id: string) => request<ReliefView>(`/api/relief/${encodeURIComponent(id)}/claimed`, { method: 'POST', data: {} });
export const withdrawRelief = (id: string, reason: string) => request<ReliefView>(`/api/relief/${encodeURIComponent(id)}/withdraw`, { method: 'POST', data: { reason } });
/**
 * In the H5 demo the project's simulator stands in for WeChat's 确认收款 page. The weapp build has no such
 * route: the branch is compiled out there (TARO_ENV is a build-time constant), so no simulator path ships.
 */
export const simulatorConfirmTransfer = (packageInfo: string) =>
  process.env.TARO_ENV === 'h5'
    ? request<{ state: string | null }>('/__sim/pay/confirm', { method: 'POST', data: { package: packageInfo }, auth: false })
    : Promise.reject(new Error('no simulator in the mini-program'));

export const getMe = () => request<UserView>('/api/me');
export const updateMe = (body: UpdateProfileRequest) => request<UserView>('/api/me', { method: 'PATCH', data: body });
export const listNotices = () => request<{ items: NoticeView[]; unread: number }>('/api/me/notices');
export const markNoticesRead = (appealId?: string) => request<{ unread: number }>('/api/me/notices/read', { method: 'POST', data: appealId ? { appealId } : {} });
export const recordSubscriptions = (results: Record<string, string>) => request<SubscriptionCreditsView>('/api/me/subscriptions', { method: 'POST', data: { results } });

/**
 * Starts uploading one chosen photo, reporting its progress (the upload task's onProgressUpdate, in WeChat and in
 * Taro's H5 alike); the server checks it is an image and removes its EXIF. abort() ends it.
 */
export function uploadPhoto(filePath: string, onProgress: (percent: number) => void = () => undefined): { done: Promise<UploadView>; abort(): void } {
  const task = Taro.uploadFile({ url: `${API_BASE}/api/uploads`, filePath, name: 'file', header: { Authorization: `Bearer ${getToken()}` } });
  task.onProgressUpdate?.((update) => onProgress(update.progress));
  const done = task.then(
    (response) => {
      let body: unknown;
      try {
        body = JSON.parse(response.data);
      } catch {
        body = undefined;
      }
      if (response.statusCode >= 400) throw toApiError(response.statusCode, body);
      return body as UploadView;
    },
    () => {
      throw new ApiError(0, 'NETWORK', '网络不好,照片没有传上去,请重试');
    },
  );
  return { done, abort: () => task.abort?.() };
}

/**
 * Starts uploading one recorded voice note (语音), reporting its progress; `durationMs` is the recorder's figure, which the
 * server uses only when the file's container tells no length. The server checks by its bytes that it is a recording.
 */
export function uploadVoice(filePath: string, durationMs: number, onProgress: (percent: number) => void = () => undefined): { done: Promise<VoiceUploadView>; abort(): void } {
  const task = Taro.uploadFile({
    url: `${API_BASE}/api/uploads/voice?ms=${Math.max(0, Math.round(durationMs))}`,
    filePath,
    name: 'file',
    header: { Authorization: `Bearer ${getToken()}` },
  });
  task.onProgressUpdate?.((update) => onProgress(update.progress));
  const done = task.then(
    (response) => {
      let body: unknown;
      try {
        body = JSON.parse(response.data);
      } catch {
        body = undefined;
      }
      if (response.statusCode >= 400) throw toApiError(response.statusCode, body);
      return body as VoiceUploadView;
    },
    () => {
      throw new ApiError(0, 'NETWORK', '网络不好,语音没有传上去,请重试');
    },
  );
  return { done, abort: () => task.abort?.() };
}
