// Why a transfer did not pay, in a sentence the office reads (WeChat Pay answers codes). The code itself
// stays in the audit log; the screen shows this sentence only.

/** WeChat Pay's fail_reason codes the product has met, in Chinese; any other gets the general sentence. */
const FAIL_REASONS: Record<string, string> = {
  // An unconfirmed bill closed after 24 hours (https://developers.weixin.qq.com/community/develop/doc/000c6693804fb0a043d350d7a61800).
  OVERDUE_CLOSE: '职工超过 24 小时没有确认收款,微信支付已关闭这笔转账,可以重新申请',
  ACCOUNT_FROZEN: '职工的微信零钱账户被冻结,无法收款',
  CANCELLED: '这笔转账已撤销',
  FAIL: '微信支付未能完成这笔转账,请到商户平台查看原因',
};

/**
 * The sentence for a bill's fail_reason, or for a refusal recorded as `CODE: message` (WeChat Pay's
 * message is Chinese already).
 */
export function failReasonText(reason: string): string {
  const refusal = /^[A-Z_]+: (.+)$/.exec(reason);
  if (refusal) return `微信支付拒绝了转账请求:${refusal[1]}`.slice(0, 255);
  return FAIL_REASONS[reason] ?? FAIL_REASONS.FAIL;
}
