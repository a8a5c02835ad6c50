// The department's work on a sheet: 接单, progress notes, the answer (能解决的马上办, 当下解决不了的
// 督促办, 解决不了的及时解释说明) and a request for more time.
import { OUTCOME_LABELS, formatLocal } from '@minqing/shared';
import { DomainError } from '../../common/domain-error.js';
import { NO_FACTS, type TransitionHandler } from '../transition.js';

export const acknowledge: TransitionHandler<'acknowledge'> = () => ({
  changes: {},
  events: [{ type: 'acknowledged', text: '承办部门已接单,正在办理', visibleToWorker: true }],
  facts: NO_FACTS,
});

/** A progress note; `done` on a scheduled answer ends its supervision (督办). */
export const progress: TransitionHandler<'progress'> = ({ appeal, body }) => {
  const planDone = body.done === true && appeal.supervised;
  const text = body.text.trim();
  return {
    changes: planDone ? { supervised: false } : {},
    events: [{ type: 'progress', text: planDone ? `${text}(计划已完成)` : text, visibleToWorker: true, data: planDone ? { done: true } : undefined }],
    facts: { planDone },
  };
};

/** 答复: resolved, scheduled (with the planned date, supervised until done) or explained. */
export const respond: TransitionHandler<'respond'> = ({ body, now }) => {
  const { outcome, text, plannedAt, photos } = body;
  const planned = plannedAt ? new Date(plannedAt) : null;
  if (outcome === 'scheduled' && (!planned || planned <= now)) throw new DomainError('PLANNED_AT_REQUIRED');
  return {
    changes: { outcome, supervised: outcome === 'scheduled', plannedAt: outcome === 'scheduled' ? planned : null },
    events: [{ type: 'responded', text: `【${OUTCOME_LABELS[outcome]}】${text.trim()}`, visibleToWorker: false, data: { outcome, plannedAt: planned?.toISOString() } }],
    // Before/after photos of the fix: the worker sees them with the office's reply.
    photos: photos ?? undefined,
    facts: NO_FACTS,
  };
};

/** 申请延期: the leader in charge of the department decides (without one, the party secretary). */
export const extension: TransitionHandler<'extension'> = ({ appeal, department, body, now }) => {
  const until = new Date(body.until);
  if (until <= now || (appeal.dueAt && until <= appeal.dueAt)) throw new DomainError('DUE_AT_INVALID');
  const reason = body.reason.trim();
  return {
    changes: { extensionUntil: until, extensionReason: reason },
    events: [{ type: 'extension_requested', text: `申请延期至 ${formatLocal(until)}:${reason}`, visibleToWorker: false, data: { until: until.toISOString() } }],
    facts: { until, reason, department: department ? { name: department.name, leaderId: department.leaderId } : null },
  };
};
