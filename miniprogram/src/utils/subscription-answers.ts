// What becomes of the worker's answers to WeChat's subscription prompt. Apart from Taro so that a test can run it
// (test/miniprogram/subscription-answers.test.ts).

/** WeChat's answer per template: accept, reject, ban or filter. */
export type SubscriptionAnswers = Record<string, string>;

/**
 * Sends the answers to the server as credits, whatever the tap does next: an accept is a message the worker
 * allowed, and WeChat will not ask again for it. Resolves to how many templates were accepted; a failure to
 * record costs only the credits.
 */
export async function keepAnswers(asking: Promise<SubscriptionAnswers | null>, record: (answers: SubscriptionAnswers) => Promise<unknown>): Promise<number> {
  const answers = await asking.catch(() => null);
  if (!answers) return 0;
  await record(answers).catch(() => undefined);
  return Object.values(answers).filter((a) => a === 'accept').length;
}

/**
 * The start of a tap that asked first (WeChat shows the prompt only inside the tap) and checks the form after:
 * the answers are on their way to the server before the check, so a form the check refuses keeps them too. The
 * caller awaits `kept` before the request that may spend a credit (the appeal's "submitted" message).
 */
export function askedThenChecked<P>(
  asking: Promise<SubscriptionAnswers | null>,
  record: (answers: SubscriptionAnswers) => Promise<unknown>,
  check: () => P[],
): { kept: Promise<number>; problems: P[] } {
  const kept = keepAnswers(asking, record);
  return { kept, problems: check() };
}
