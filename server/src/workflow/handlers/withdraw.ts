// The worker's 撤回: their own appeal, taken back before the office has accepted it.
import type { TransitionHandler } from '../transition.js';

/** 撤回, with the worker's reason, which the office reads on the timeline and in the month's figures. */
export const withdraw: TransitionHandler<'withdraw'> = ({ body }) => {
  const reason = body.reason.trim();
  return { changes: {}, events: [{ type: 'withdrawn', text: `职工撤回了诉求:${reason}`, visibleToWorker: true, data: { reason } }], facts: { reason } };
};
