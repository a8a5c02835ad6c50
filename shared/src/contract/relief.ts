// Hardship relief: the office's proposal, the two approvals, the administrator's budget and approver.
import * as v from 'valibot';
import { isBlank, stripBidiControls } from '../text.js';
import { openBody } from './rules.js';

const wholeFen = (code: 'RELIEF_AMOUNT_INVALID' | 'RELIEF_SETTINGS_INVALID') => v.pipe(v.number(code), v.safeInteger(code), v.minValue(1, code));

/** A reason someone writes: not blank, at most `max` characters once trimmed. */
const reasonText = (max: number, code: 'RELIEF_REASON_REQUIRED' | 'RELIEF_WITHDRAW_REASON_REQUIRED') =>
  v.pipe(
    v.string(code),
    v.check((s: string) => !isBlank(s), code),
    v.trim(),
    v.maxLength(max, code),
    v.transform(stripBidiControls),
  );

/** POST /api/appeals/:id/relief: the amount in whole fen, and the reason (at most 500 characters). */
export const reliefProposalBody = openBody({
  amountFen: wholeFen('RELIEF_AMOUNT_INVALID'),
  reason: reasonText(500, 'RELIEF_REASON_REQUIRED'),
});
/** POST /api/relief/:id/decision */
export const reliefDecisionBody = openBody({ approve: v.boolean('VALIDATION_FAILED') });
/** PUT /api/admin/relief-settings: the month's budget in whole fen and the approver (an openid of this organisation's staff). */
export const reliefSettingsBody = openBody({ monthlyBudgetFen: v.optional(wholeFen('RELIEF_SETTINGS_INVALID')), approver: v.optional(v.string('RELIEF_SETTINGS_INVALID')) });
/** POST /api/relief/:id/withdraw (the office, before the worker confirmed): why, at most 200 characters. */
export const reliefWithdrawBody = openBody({ reason: reasonText(200, 'RELIEF_WITHDRAW_REASON_REQUIRED') });
export type ReliefProposalRequest = v.InferOutput<typeof reliefProposalBody>;
export type ReliefSettingsRequest = v.InferOutput<typeof reliefSettingsBody>;
export const reliefSettingsView = v.object({ monthlyBudgetFen: v.nullable(v.number()), approver: v.nullable(v.string()) });
/**
 * GET /api/admin/relief-settings: the month's budget and what is committed of it (whole fen, the mine's month), the
 * approver, the staff who may be named, and the per-transfer window the merchant set in 商户平台 (read only here).
 */
export const reliefSettingsStateView = v.object({
  month: v.string(),
  monthlyBudgetFen: v.nullable(v.number()),
  committedFen: v.number(),
  approver: v.nullable(v.object({ openid: v.string(), name: v.nullable(v.string()) })),
  candidates: v.array(v.object({ openid: v.string(), name: v.nullable(v.string()), role: v.string() })),
  transferMinFen: v.number(),
  transferMaxFen: v.number(),
});
export type ReliefSettingsStateView = v.InferOutput<typeof reliefSettingsStateView>;

/** `cancelling`: the office withdrew it, WeChat Pay has not yet said the bill is CANCELLED. */
export const RELIEF_STATES = ['proposed', 'refused', 'approved', 'paying', 'wait_user_confirm', 'cancelling', 'paid', 'failed', 'cancelled'] as const;

/** A hardship relief payment as the worker or the staff see it. Amounts in whole fen. */
export const reliefView = v.object({
  id: v.string(),
  amountFen: v.number(),
  /** e.g. ¥500.00 */
  amount: v.string(),
  state: v.picklist(RELIEF_STATES),
  /** For the worker's 领取 tap while WeChat Pay waits for them. */
  claim: v.nullable(v.object({ mchId: v.string(), appId: v.string(), package: v.string() })),
  /** Staff only. */
  reason: v.optional(v.string()),
  approvals: v.optional(v.object({ leader: v.boolean(), approver: v.boolean() })),
  /** Why it did not pay: for staff the office's sentence, for the worker their own. */
  failReason: v.nullish(v.string()),
});
export const reliefListView = v.object({ items: v.array(reliefView) });

export type ReliefView = v.InferOutput<typeof reliefView>;

/** POST /api/wxpay/notify: WeChat Pay's signed notice; `resource` is encrypted with the APIv3 key (the signature is over the raw bytes). */
export const wxpayNoticeBody = v.looseObject({
  id: v.string(),
  create_time: v.string(),
  event_type: v.string(),
  resource_type: v.string(),
  summary: v.optional(v.string()),
  resource: v.looseObject({ algorithm: v.string(), ciphertext: v.string(), nonce: v.string(), associated_data: v.optional(v.string()), original_type: v.optional(v.string()) }),
});
