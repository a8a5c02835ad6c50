// WeChat lets the server send one subscription message per "accept" a person gave, and shows the
// prompt only inside a tap. So the pages ask at the moments a person taps anyway — submit, rate, the
// staff's 接收提醒 — first thing in the handler, and record the answer once the tap's work is done.
import Taro from '@tarojs/taro';
import { askedThenChecked, keepAnswers, type SubscriptionAnswers } from '../utils/subscription-answers';
import { recordSubscriptions } from './api';
import { canUse } from './wechat-abilities';

/** WeChat's limit: at most 3 templates in one prompt. */
const MAX_PER_TAP = 3;

/** Whether this build can ask (the mini-program; the H5 page cannot). */
export const canAskForMessages = process.env.TARO_ENV === 'weapp';

/** Starts the prompt at once (call it before any await in a tap handler); resolves to WeChat's answers or null. */
export function askForMessages(templates: string[]): Promise<SubscriptionAnswers | null> {
  const tmplIds = templates.slice(0, MAX_PER_TAP);
  // Below base library 2.4.4 there is no prompt: no modal here (it would stand in the way of the submit), the
  // worker still finds every answer in 我的诉求.
  if (!canAskForMessages || !tmplIds.length || !canUse('requestSubscribeMessage')) return Promise.resolve(null);
  return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as never)
    .then((answers) => answers as unknown as Record<string, string>)
    .catch(() => null);
}

/** Sends WeChat's answers to the server as credits; returns how many templates were accepted. A failure costs only the credits. */
export function recordAnswers(asking: Promise<SubscriptionAnswers | null>): Promise<number> {
  return keepAnswers(asking, recordSubscriptions);
}

/**
 * For a tap that asks and then checks a form: asks at once, and sends the answers whatever the check says (a
 * refused form used to throw away the accepts the worker gave). Await `kept` before the request that spends a credit.
 */
export function askThenCheck<P>(templates: string[], check: () => P[]): { kept: Promise<number>; problems: P[] } {
  return askedThenChecked(askForMessages(templates), recordSubscriptions, check);
}
