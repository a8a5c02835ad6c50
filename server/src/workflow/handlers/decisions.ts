// A leader's decision on a department's request for more time, and the worker's rating and the
// office's reopening that send a closed matter back into the loop.
import { RATING_LABELS, formatLocal } from '@minqing/shared';
import { NO_FACTS, type PlannedEvent, type TransitionHandler } from '../transition.js';

/** Approved, the answer's deadline moves (and counts as met on time against the new date); refused, the old one stands. */
export const decideExtension: TransitionHandler<'extension-decision'> = ({ appeal, body }) => {
  const until = appeal.extensionUntil!;
  const note = body.reason?.trim() ? `:${body.reason.trim().slice(0, 500)}` : '';
  const text = body.approve ? `同意延期至 ${formatLocal(until)}${note}` : `不同意延期,仍按 ${appeal.dueAt ? formatLocal(appeal.dueAt) : '原时限'} 办结${note}`;
  return {
    changes: { extensionUntil: null, extensionReason: null, ...(body.approve ? { dueAt: until } : {}) },
    events: [{ type: 'extension_decided', text, visibleToWorker: false, data: { approved: body.approve, until: until.toISOString() } }],
    facts: { approved: body.approve, until, text },
  };
};

/** 评价: 不满意 reopens the appeal to the office, once — when the machine sends it back to 'accepted'. */
export const rate: TransitionHandler<'rate'> = ({ body, to }) => {
  const { rating, comment } = body;
  const events: PlannedEvent[] = [{ type: 'rated', text: `${RATING_LABELS[rating]}${comment?.trim() ? `:${comment.trim()}` : ''}`, visibleToWorker: true, data: { rating } }];
  if (to === 'accepted') {
    events.push({ type: 'reopened', text: '职工不满意,诉求重新交党群工作部办理', visibleToWorker: true });
    return { changes: { rating, reopenCount: 1, repliedAt: null, outcome: null, supervised: false }, events, facts: NO_FACTS };
  }
  return { changes: { rating }, events, facts: NO_FACTS };
};

/** 重新办理: the office takes a closed appeal up again, once. */
export const reopen: TransitionHandler<'reopen'> = ({ appeal, body }) => ({
  changes: { reopenCount: appeal.reopenCount + 1, repliedAt: null, outcome: null, supervised: false },
  events: [{ type: 'reopened', text: `重新办理:${body.reason.trim()}`, visibleToWorker: true }],
  facts: NO_FACTS,
});
