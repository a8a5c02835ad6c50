// The office's work on a department's answer: send it back, reply to the worker, log the feedback call.
import { NO_FACTS, type TransitionHandler } from '../transition.js';

/** 退回重办: the answer is not good enough; the department answers again. */
export const returnAnswer: TransitionHandler<'return'> = ({ body }) => ({
  changes: { outcome: null, supervised: false, plannedAt: null },
  events: [{ type: 'returned', text: `退回重办:${body.reason.trim()}`, visibleToWorker: false }],
  facts: NO_FACTS,
});

/** 反馈: the answer in words the worker reads, with a suggestion for the public summary. */
export const reply: TransitionHandler<'reply'> = ({ body, now }) => {
  const text = body.text.trim();
  return {
    changes: { repliedAt: now, callLogged: false },
    events: [{ type: 'replied', text, visibleToWorker: true, data: body.publicSummary ? { publicSummary: body.publicSummary.trim() } : undefined }],
    photos: body.photos ?? undefined,
    facts: { text },
  };
};

/** 回访电话: only a call that reached the worker takes the appeal out of the call queue. */
export const calls: TransitionHandler<'calls'> = ({ body }) => {
  const { result, summary, attempts } = body;
  const reached = result === 'reached';
  return {
    changes: reached ? { callLogged: true } : {},
    events: [
      {
        type: 'call_logged',
        text: `${reached ? '回访电话已接通' : '回访电话未接通'}${attempts ? `(第 ${attempts} 次)` : ''}${summary?.trim() ? `:${summary.trim()}` : ''}`,
        visibleToWorker: false,
        data: { result, attempts },
      },
    ],
    facts: NO_FACTS,
  };
};
