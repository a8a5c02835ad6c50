// Hardship relief (困难救助) from proposal to the worker's wallet. The office proposes an amount in
// fen; a leader and the approver the administrator named both approve (never the proposer); the
// month's budget is checked in the transaction of the approval that completes it; then WeChat Pay's
// 商家转账 is asked, always with the out_bill_no derived from the record, so however often a call is
// retried only one transfer exists. Notices and the reconciliation job settle the final state. Until
// the worker confirms, the office may withdraw it (撤销转账); the budget it held is then given back.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { monthOf, addFen, fen, reliefDecisionBody, reliefProposalBody, reliefWithdrawBody, yuan, type Fen } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { AppealsService } from '../appeals/appeals.service.js';
import { TimelineRepository } from '../appeals/timeline.repository.js';
import { AuditLog } from '../audit/audit-log.js';
import type { AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { wxpayNotifyUrl, type AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Transactions } from '../database/transactions.js';
import { OrgRepository } from '../org/org.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { sectionOf } from '../org/org-settings.js';
import { OrgSettingsRepository } from '../org/org-settings.repository.js';
import { PayRefusedError, PayUnavailableError, type TransferBill } from '../wechat/pay-gateway.js';
import { WechatService } from '../wechat/wechat.service.js';
import type { ReliefRecord, ReliefState } from './entities/relief-record.entity.js';
import { failReasonText } from './fail-reasons.js';
import { ReliefRepository } from './relief.repository.js';

const HARDSHIP = 'hardship';
/**
 * Records that still count against the month's budget: a withdrawal counts until WeChat Pay says the
 * bill is CANCELLED (the worker's confirmation may have reached it first).
 */
export const COMMITTED: ReliefState[] = ['approved', 'paying', 'wait_user_confirm', 'cancelling', 'paid'];
/** Records that keep the appeal from a new proposal (a new one is a new bill: never while the old may still pay). */
const OPEN: ReliefState[] = ['proposed', 'approved', 'paying', 'wait_user_confirm', 'cancelling'];
/** Not settled yet: the job asks WeChat Pay about these. */
const UNSETTLED: ReliefState[] = ['approved', 'paying', 'wait_user_confirm', 'cancelling'];
/** Bill states before the user confirmed, in which 撤销转账 is taken (https://pay.weixin.qq.com/doc/v3/merchant/4012716458). */
const BEFORE_CONFIRMATION = ['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM'];
const FINAL_BILL: Record<string, ReliefState> = { SUCCESS: 'paid', FAIL: 'failed', CANCELLED: 'cancelled' };
/**
 * Refusals of the request itself: with no bill behind them, the same request is refused again
 * (https://pay.weixin.qq.com/docs/merchant/apis/mch-trans/transfer-bill/transfer-to-user.html, 错误码).
 */
const REQUEST_REFUSALS = ['PARAM_ERROR', 'INVALID_REQUEST', 'NO_AUTH'];

@Injectable()
export class ReliefService {
  private readonly logger = new Logger('Relief');

  constructor(
    @Inject(AppealsService) private readonly appeals: AppealsService,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(ReliefRepository) private readonly records: ReliefRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(WechatService) private readonly wechat: WechatService,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OrgSettingsRepository) private readonly orgSettings: OrgSettingsRepository,
  ) {}

  /** The office proposes relief on a 困难救助 appeal. */
  async propose(auth: AuthUser, appealId: string, body: unknown): Promise<ReliefRecord> {
    const { appeal, access } = await this.appeals.readable(auth, appealId);
    if (!access.actors.includes('coordinator')) throw DomainError.forbidden();
    const input = parseOrThrow(reliefProposalBody, body, { code: 'first', nonObject: 'empty' });
    const amount = fen(input.amountFen)!;
    const { reason } = input;
    // WeChat Pay refuses a transfer outside the merchant's per-transfer window: say so before anyone approves it.
    const { minFen, maxFen } = this.config.transfer;
    if (amount < minFen || amount > maxFen) {
      throw new DomainError('RELIEF_AMOUNT_OUT_OF_RANGE', { minFen, maxFen }, `每笔救助金须在 ${yuan(fen(minFen)!)} 到 ${yuan(fen(maxFen)!)} 之间(微信支付单笔转账限额)`);
    }
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      // The organisation's row first, locked: two proposals on one appeal at the same moment (a double
      // tap) queue here, and the second then sees the first's open record. Locked before any other read,
      // so on MySQL/MariaDB the check below reads after the lock, not from an earlier snapshot.
      const org = await this.orgSettings.lock(manager, appeal.orgId);
      const [category] = await this.orgs.findCategoriesByIds([appeal.categoryId], manager);
      if (category!.code !== HARDSHIP) throw new DomainError('RELIEF_CATEGORY_INVALID');
      if (await this.records.existsForAppeal(manager, appealId, OPEN)) throw new DomainError('RELIEF_ALREADY_OPEN');
      const id = newId();
      const record: ReliefRecord = {
        id,
        orgId: appeal.orgId,
        appealId,
        workerId: appeal.submitterId,
        amountFen: amount,
        reason,
        state: 'proposed',
        month: monthOf(now, org.timeZone),
        proposedBy: auth.user.id,
        leaderApprovedBy: null,
        approverApprovedBy: null,
        outBillNo: id.replace(/-/g, ''),
        transferBillNo: null,
        billState: null,
        packageInfo: null,
        failReason: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.records.insert(manager, record);
      await this.log(manager, auth, record, 'relief.propose', `救助金申请:${yuan(amount)},理由:${reason}`, null, { amountFen: amount, reason }, now);
      return record;
    });
  }

  /**
   * A leader's or the named approver's decision. The approval that completes the pair checks the
   * month's budget in the same transaction (the organisation's row locked, so two approvals cannot
   * both squeeze under it), then the transfer is asked for.
   */
  async decide(auth: AuthUser, reliefId: string, body: unknown): Promise<ReliefRecord> {
    const now = this.clock.now();
    // Whose organisation: a record never changes organisation, so this may be read before the lock.
    const orgId = (await this.transactions.run((manager) => this.records.findById(manager, reliefId)))?.orgId;
    const record = await this.transactions.run(async (manager) => {
      // The organisation's row first, locked before any other read: under MySQL/MariaDB's REPEATABLE READ a
      // plain read before the lock would fix the snapshot the month's committed sum is then read from, and
      // two final approvals at once could both fit under the budget.
      const locked = orgId ? await this.orgSettings.lock(manager, orgId) : null;
      const current = await this.findForStaff(manager, auth, reliefId);
      const { approve } = parseOrThrow(reliefDecisionBody, body, { code: 'VALIDATION_FAILED', nonObject: 'empty' });
      if (current.state !== 'proposed') throw new DomainError('RELIEF_STATE_CONFLICT', { state: current.state });
      const org = locked!;
      const settings = sectionOf(org, 'relief');
      if (!settings.approverId) throw new DomainError('RELIEF_APPROVER_NOT_SET');
      if (auth.user.id === current.proposedBy) throw new DomainError('RELIEF_SELF_APPROVAL');
      const isLeader = auth.staff.some((s) => s.orgId === current.orgId && s.role === 'leader');
      const isApprover = auth.user.id === settings.approverId;
      // Which half this person signs: the named approver's, else a leader's; never both halves.
      const half = isApprover && !current.approverApprovedBy ? 'approver' : isLeader && !current.leaderApprovedBy ? 'leader' : null;
      if (!half || current.leaderApprovedBy === auth.user.id || current.approverApprovedBy === auth.user.id) {
        throw new DomainError(isLeader || isApprover ? 'RELIEF_STATE_CONFLICT' : 'FORBIDDEN');
      }
      if (!approve) {
        await this.save(manager, current, { state: 'refused' }, now);
        await this.log(manager, auth, current, 'relief.refuse', '救助金申请未获批准', { state: 'proposed' }, { state: 'refused' }, now);
        return { ...current, state: 'refused' as const };
      }
      const changes: Partial<ReliefRecord> = half === 'leader' ? { leaderApprovedBy: auth.user.id } : { approverApprovedBy: auth.user.id };
      const complete = (changes.leaderApprovedBy ?? current.leaderApprovedBy) && (changes.approverApprovedBy ?? current.approverApprovedBy);
      if (complete) {
        const spent = await this.committedThisMonth(manager, current.orgId, current.month);
        if (settings.monthlyBudgetFen === null || addFen(spent, current.amountFen) > settings.monthlyBudgetFen) {
          throw new DomainError('RELIEF_BUDGET_EXCEEDED', { budgetFen: settings.monthlyBudgetFen, committedFen: spent });
        }
        changes.state = 'approved';
      }
      await this.save(manager, current, changes, now);
      const text = complete ? `救助金 ${yuan(current.amountFen)} 已批准,正在发放` : `${half === 'leader' ? '矿领导' : '审批人'}同意发放救助金 ${yuan(current.amountFen)}`;
      await this.log(manager, auth, current, 'relief.approve', text, { state: current.state }, { state: changes.state ?? current.state, half }, now);
      return { ...current, ...changes };
    });
    if (record.state === 'approved') await this.pay(record.id);
    return this.reload(record.id);
  }

  /**
   * Asks WeChat Pay for the transfer — again, if need be: the same out_bill_no with the identical
   * request is the same bill, and its answer carries the bill's package, which the query's does not.
   */
  async pay(reliefId: string): Promise<void> {
    const gateway = this.wechat.pay;
    const record = await this.reload(reliefId);
    if (!gateway || !['approved', 'paying', 'wait_user_confirm'].includes(record.state)) return;
    const worker = (await this.transactions.run((manager) => this.users.findById(record.workerId, manager)))!;
    if (record.state === 'approved') await this.transactions.run((manager) => this.save(manager, record, { state: 'paying' }, this.clock.now()));
    let bill: TransferBill;
    try {
      bill = await gateway.transfer(this.transferRequest(record, worker.openid));
    } catch (error) {
      if (error instanceof PayUnavailableError) {
        // No trustworthy answer (a lost answer, a 5xx such as SYSTEM_ERROR): the job queries and asks again with the same out_bill_no.
        this.logger.warn(`transfer ${record.outBillNo}: no answer (${error.message}); will retry`);
        return;
      }
      if (error instanceof PayRefusedError) return this.refused(record, error);
      throw error;
    }
    await this.settle(record.outBillNo, bill);
  }

  /**
   * The identical request for a record whatever the attempt (WeChat Pay refuses the same out_bill_no
   * with other parameters): scene, perception and report info from the merchant's configuration.
   */
  private transferRequest(record: ReliefRecord, openid: string): Record<string, unknown> {
    const { sceneId, perception, subsidyType } = this.config.transfer;
    return {
      appid: this.wechat.pay!.keys.appid,
      out_bill_no: record.outBillNo,
      transfer_scene_id: sceneId,
      openid,
      transfer_amount: record.amountFen,
      transfer_remark: '困难职工救助金',
      notify_url: wxpayNotifyUrl(this.config),
      user_recv_perception: perception,
      transfer_scene_report_infos: [{ info_type: '补贴类型', info_content: subsidyType }],
    };
  }

  /**
   * A 4xx is not the bill's fate: WeChat Pay says query first and keep the number, and change it only
   * when the bill failed. A bill that exists is settled by its state; none, and the refusal is one of
   * the request itself (PARAM_ERROR, INVALID_REQUEST, NO_AUTH: the same request would be refused again),
   * the relief failed; anything else (NOT_ENOUGH, FREQUENCY_LIMITED, a new code) is retried on the same bill.
   */
  private async refused(record: ReliefRecord, refusal: PayRefusedError): Promise<void> {
    let bill: TransferBill;
    try {
      bill = await this.wechat.pay!.query(record.outBillNo);
    } catch (error) {
      if (!(error instanceof PayRefusedError && error.status === 404)) {
        this.logger.warn(`transfer ${record.outBillNo}: refused (${refusal.code}) and not found out (${(error as Error).message}); will retry`);
        return;
      }
      if (!REQUEST_REFUSALS.includes(refusal.code)) {
        this.logger.warn(`transfer ${record.outBillNo}: ${refusal.code} (${refusal.message}); will retry with the same out_bill_no`);
        return;
      }
      bill = { out_bill_no: record.outBillNo, state: 'FAIL', fail_reason: `${refusal.code}: ${refusal.message}` };
    }
    await this.settle(record.outBillNo, bill);
  }

  /** Applies WeChat Pay's word on a bill (an answer, a notice or a query); the same word twice changes nothing. */
  async settle(outBillNo: string, bill: TransferBill): Promise<ReliefRecord | null> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      // Locked first: the same word arriving twice at once (a notice and the answer, or two notices) is applied once.
      const record = await this.records.lockByOutBillNo(manager, outBillNo);
      if (!record) return null;
      if (['paid', 'failed', 'cancelled', 'refused'].includes(record.state)) return record;
      const final = FINAL_BILL[bill.state];
      // TRANSFERING: the worker confirmed, and may open the confirmation again: the package stays.
      const waiting = bill.state === 'WAIT_USER_CONFIRM' || bill.state === 'TRANSFERING';
      // Withdrawn by the office: it stays withdrawn while the bill is still before the worker's confirmation
      // (the job sends the cancel again) or CANCELING; TRANSFERING or a final state means WeChat Pay decided.
      const withdrawn = bill.state === 'CANCELING' || (record.state === 'cancelling' && BEFORE_CONFIRMATION.includes(bill.state));
      const state: ReliefState = final ?? (withdrawn ? 'cancelling' : waiting ? 'wait_user_confirm' : 'paying');
      const changes: Partial<ReliefRecord> = {
        state,
        billState: bill.state,
        transferBillNo: bill.transfer_bill_no ?? record.transferBillNo,
        // Kept while withdrawing (never shown then): should the worker's confirmation win, they reopen it with this.
        packageInfo: waiting || state === 'cancelling' ? (bill.package_info ?? record.packageInfo) : null,
        failReason: final === 'failed' || final === 'cancelled' ? failReasonText(bill.fail_reason ?? bill.state) : null,
      };
      if (record.state === state && record.billState === bill.state && record.packageInfo === changes.packageInfo) return record;
      await this.save(manager, record, changes, now);
      if (final) {
        const text =
          final === 'paid'
            ? `救助金 ${yuan(record.amountFen)} 已到账`
            : final === 'cancelled'
              ? `救助金 ${yuan(record.amountFen)} 已撤回,微信支付已撤销这笔转账`
              : `救助金发放未成功:${changes.failReason}`;
        const after = { state, billState: bill.state, ...(bill.fail_reason ? { failReason: bill.fail_reason } : {}) };
        await this.log(manager, null, record, `relief.${final}`, text, { state: record.state }, after, now);
      }
      // A withdrawal WeChat Pay did not take: the worker's confirmation was there first.
      if (record.state === 'cancelling' && state !== 'cancelling' && state !== 'cancelled') {
        await this.log(manager, null, record, 'relief.withdraw_lost', '撤回未成功:职工已先确认收款', { state: record.state }, { state, billState: bill.state }, now);
      }
      return { ...record, ...changes };
    });
  }

  /**
   * Every bill not yet final is asked about and settled; one WeChat Pay never saw (404), one it holds
   * but may take again (ACCEPTED, PROCESSING: "可原单重试"), and one waiting for the worker whose package
   * was never received (a lost answer: the query carries none) are asked for again, identically.
   */
  async reconcile(): Promise<number> {
    const gateway = this.wechat.pay;
    if (!gateway) return 0;
    const open = await this.transactions.run((manager) => this.records.listInStates(manager, UNSETTLED));
    let settled = 0;
    for (const record of open) {
      try {
        const bill = await gateway.query(record.outBillNo);
        const after = await this.settle(record.outBillNo, bill);
        if (after && after.state !== record.state) settled++;
        const again = after && (after.state === 'paying' || (after.state === 'wait_user_confirm' && !after.packageInfo));
        if (again) await this.pay(record.id);
        // A withdrawal whose cancel never got an answer: asked again (taken twice, it is one cancel).
        if (after?.state === 'cancelling' && after.billState !== 'CANCELING') await this.cancelBill(after.outBillNo);
      } catch (error) {
        // WeChat Pay never saw it (the request was lost before it arrived): ask for it now.
        if (error instanceof PayRefusedError && error.status === 404) await this.pay(record.id);
        else this.logger.warn(`reconcile ${record.outBillNo}: ${(error as Error).message}`);
      }
    }
    return settled;
  }

  /**
   * The office withdraws a relief the worker has not confirmed yet (the wrong amount, the wrong person):
   * under the record's lock — a second withdrawal, or WeChat Pay's word on the bill, waits and then sees
   * `cancelling` — the record leaves the worker's 领取, and 撤销转账 is asked. WeChat Pay takes it (CANCELING,
   * then CANCELLED: the budget is given back) or refuses it because the worker's confirmation came first
   * (the bill's state then settles the record, and the office is told it is too late).
   */
  async withdraw(auth: AuthUser, reliefId: string, body: unknown): Promise<ReliefRecord> {
    const found = await this.transactions.run((manager) => this.findForStaff(manager, auth, reliefId));
    const { access } = await this.appeals.readable(auth, found.appealId);
    if (!access.actors.includes('coordinator')) throw DomainError.forbidden();
    const { reason } = parseOrThrow(reliefWithdrawBody, body, { code: 'first', nonObject: 'empty' });
    const now = this.clock.now();
    await this.transactions.run(async (manager) => {
      const record = (await this.records.lockByOutBillNo(manager, found.outBillNo))!;
      if (record.state !== 'wait_user_confirm' || record.billState !== 'WAIT_USER_CONFIRM') throw new DomainError('RELIEF_NOT_WITHDRAWABLE', { state: record.state });
      await this.save(manager, record, { state: 'cancelling' }, now);
      await this.log(manager, auth, record, 'relief.withdraw', `撤回救助金 ${yuan(record.amountFen)}:${reason}`, { state: record.state }, { state: 'cancelling', reason }, now);
    });
    await this.cancelBill(found.outBillNo);
    const after = await this.reload(reliefId);
    if (after.state === 'wait_user_confirm' || after.state === 'paid') throw new DomainError('RELIEF_WITHDRAW_TOO_LATE', { state: after.state });
    return after;
  }

  /**
   * 撤销转账 for a withdrawn record. Refused, the bill is past it (the worker confirmed, or it closed):
   * its state, asked at once, settles the record. No answer: the job sends it again.
   */
  private async cancelBill(outBillNo: string): Promise<void> {
    const gateway = this.wechat.pay;
    if (!gateway) return;
    try {
      await this.settle(outBillNo, await gateway.cancel(outBillNo));
    } catch (error) {
      if (!(error instanceof PayRefusedError)) {
        this.logger.warn(`cancel ${outBillNo}: no answer (${(error as Error).message}); will retry`);
        return;
      }
      const bill = await gateway.query(outBillNo).catch(() => null);
      if (bill) await this.settle(outBillNo, bill);
    }
  }

  /** The worker tapped 领取 and WeChat said yes: ask WeChat Pay at once rather than wait for the notice. */
  async claimed(auth: AuthUser, reliefId: string): Promise<ReliefRecord> {
    const record = await this.transactions.run((manager) => this.records.findById(manager, reliefId));
    // Only the worker paid learns that it exists.
    if (!record || record.workerId !== auth.user.id) throw DomainError.notFound();
    if (this.wechat.pay && record.state === 'wait_user_confirm') {
      await this.settle(
        record.outBillNo,
        await this.wechat.pay.query(record.outBillNo).catch(() => ({ out_bill_no: record.outBillNo, state: record.billState ?? 'WAIT_USER_CONFIRM' })),
      );
    }
    return this.reload(reliefId);
  }

  /** The records of an appeal, for whoever may read the appeal. */
  async forAppeal(auth: AuthUser, appealId: string): Promise<{ records: ReliefRecord[]; owner: boolean }> {
    const { appeal, access } = await this.appeals.readable(auth, appealId);
    const records = await this.transactions.run((manager) => this.records.listForAppeal(manager, appeal.id));
    return { records, owner: access.viewer === 'owner' };
  }

  private async findForStaff(manager: EntityManager, auth: AuthUser, reliefId: string): Promise<ReliefRecord> {
    const record = await this.records.findById(manager, reliefId);
    // Someone of another organisation (or a worker) learns nothing, not even that it exists.
    if (!record || !auth.staff.some((s) => s.orgId === record.orgId)) throw DomainError.notFound();
    return record;
  }

  private async committedThisMonth(manager: EntityManager, orgId: string, month: string): Promise<Fen> {
    const amounts = await this.records.amountsOfMonth(manager, orgId, month, COMMITTED);
    return amounts.reduce((sum, amount) => addFen(sum, fen(amount)!), 0 as Fen);
  }

  private async save(manager: EntityManager, record: ReliefRecord, changes: Partial<ReliefRecord>, now: Date): Promise<void> {
    if (!(await this.records.updateIfVersion(manager, record, changes, now))) throw new DomainError('RELIEF_STATE_CONFLICT');
    record.version += 1;
  }

  /** Each step on the appeal's staff timeline and in the audit log. */
  private async log(manager: EntityManager, auth: AuthUser | null, record: ReliefRecord, action: string, text: string, before: unknown, after: unknown, now: Date): Promise<void> {
    const actor = { role: auth ? (auth.staff.find((s) => s.orgId === record.orgId)?.role ?? 'worker') : 'system', id: auth?.user.id ?? null };
    await this.timeline.append(
      manager,
      { id: record.appealId, orgId: record.orgId },
      [{ type: 'relief', text, visibleToWorker: false, data: { reliefId: record.id, action } }],
      actor,
      now,
    );
    await this.audit.record(manager, { orgId: record.orgId, actorId: auth?.user.id ?? null, action, entity: 'relief', entityKey: record.id, before, after }, now);
  }

  private reload(id: string): Promise<ReliefRecord> {
    return this.transactions.run(async (manager) => (await this.records.findById(manager, id))!);
  }
}
