// The office's triage of a new appeal (受理 / 不予受理 / 合并), the same day it arrives.
import { DomainError } from '../../common/domain-error.js';
import type { TransitionHandler } from '../transition.js';

/** 受理: may correct the category and flag 特事特办, which goes straight to the party secretary. */
export const accept: TransitionHandler<'accept'> = async ({ appeal, category, body, lookups }) => {
  const changes: { categoryId?: string; urgent?: boolean } = {};
  let text = '党群工作部已受理';
  if (body.category && body.category !== category.code) {
    const recategorized = await lookups.category(appeal.orgId, body.category);
    if (!recategorized) throw new DomainError('CATEGORY_UNKNOWN');
    changes.categoryId = recategorized.id;
    text += `,类别调整为「${recategorized.name}」`;
  }
  if (body.urgent) {
    changes.urgent = true;
    text += ',特事特办';
  }
  return { changes, events: [{ type: 'accepted', text, visibleToWorker: true }], facts: { urgent: body.urgent === true } };
};

/** 不予受理, with a reason the worker reads. */
export const reject: TransitionHandler<'reject'> = ({ body }) => {
  const reason = body.reason.trim();
  return { changes: {}, events: [{ type: 'rejected', text: `不予受理:${reason}`, visibleToWorker: true }], facts: { reason } };
};

/** 合并 into another open appeal of the organisation (by id or serial): the same matter, handled once. */
export const merge: TransitionHandler<'merge'> = async ({ appeal, body, lookups }) => {
  const target = await lookups.mergeTarget(appeal.orgId, body.into.trim());
  if (!target || target.id === appeal.id || ['closed', 'rejected', 'merged', 'withdrawn'].includes(target.status)) throw new DomainError('MERGE_TARGET_INVALID');
  return {
    // No call is owed before a reply reaches it (the call queue reads the flag off its index).
    changes: { mergedIntoId: target.id, callLogged: true },
    events: [
      { type: 'merged', text: `与诉求 ${target.serial} 是同一件事,已合并办理,请关注 ${target.serial} 的进展`, visibleToWorker: true },
      { appealId: target.id, type: 'merged', text: `合并了诉求 ${appeal.serial}`, visibleToWorker: false, data: { from: appeal.id } },
    ],
    facts: { target: { id: target.id, serial: target.serial } },
  };
};
