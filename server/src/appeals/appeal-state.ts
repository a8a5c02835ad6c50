// The facts of a stored appeal that the status machine in the contract decides by: the same state for
// what the view offers a person and for what the workflow then accepts from them.
import type { AppealState } from '@minqing/shared';
import type { Category } from '../org/entities/category.entity.js';
import type { Appeal } from './entities/appeal.entity.js';

/**
 * `coAnswered`: the co-handling department (协办) the person acts for has answered its part. `now`: when
 * asked, for the rating window (without it, the window is taken as open).
 */
export function appealState(appeal: Appeal, category: Pick<Category, 'standingRule'>, departmentCode: string | null, coAnswered = false, now?: Date): AppealState {
  // The reply the worker would rate: their own, or the primary's as it reached their merged appeal.
  const awaitsRating = (appeal.status === 'replied' || appeal.status === 'merged') && appeal.repliedAt !== null;
  return {
    ...(now && awaitsRating ? { sinceReplyMs: now.getTime() - appeal.repliedAt!.getTime() } : {}),
    coAnswered,
    status: appeal.status,
    supervised: appeal.supervised,
    reopenCount: appeal.reopenCount,
    standingRule: category.standingRule,
    department: departmentCode,
    extensionPending: appeal.extensionUntil !== null,
    replied: appeal.status === 'merged' && appeal.repliedAt !== null,
    rated: appeal.rating !== null,
  };
}
