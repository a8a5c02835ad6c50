// Why a transfer did not pay, in a sentence the office reads and one the worker reads (WeChat Pay answers
// codes). The code itself stays in the audit log; the screens show these sentences only.

interface Reason {
  office: string;
  worker: string;
}

/** WeChat Pay's fail_reason codes the product has met, in Chinese; any other gets the general sentence. */
const FAIL_REASONS: Record<string, Reason> = {
  // An unconfirmed bill closed after 24 hours (https://developers.weixin.qq.com/community/develop/doc/000c6693804fb0a043d350d7a61800).
  OVERDUE_CLOSE: {
    office: '职工超过 24 小时没有确认收款,微信支付已关闭这笔转账,可以重新申请',
    worker: '您超过 24 小时没有领取,微信支付已关闭这笔转账,钱没有转出。党群工作部可以重新为您申请',
  },
  ACCOUNT_FROZEN: { office: '职工的微信零钱账户被冻结,无法收款', worker: '您的微信零钱账户暂时无法收款,党群工作部会联系您' },
  CANCELLED: { office: '这笔转账已撤销', worker: '这笔救助金已撤回,钱没有转出。如有疑问请联系党群工作部' },
  FAIL: { office: '微信支付未能完成这笔转账,请到商户平台查看原因', worker: '发放未成功,党群工作部会联系您' },
};

/**
 * The office's sentence for a bill's fail_reason, or for a refusal recorded as `CODE: message` (WeChat
 * Pay's message is Chinese already).
 */
export function failReasonText(reason: string): string {
  const refusal = /^[A-Z_]+: (.+)$/.exec(reason);
  if (refusal) return `微信支付拒绝了转账请求:${refusal[1]}`.slice(0, 255);
  return (FAIL_REASONS[reason] ?? FAIL_REASONS.FAIL).office;
}

/** The worker's sentence for what the office reads (stored as the record's fail_reason); null for none. */
export function workerReasonText(officeText: string | null): string | null {
  if (!officeText) return null;
  return (Object.values(FAIL_REASONS).find((r) => r.office === officeText) ?? FAIL_REASONS.FAIL).worker;
}
