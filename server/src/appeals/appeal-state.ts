// The facts of a stored appeal that the status machine in the contract decides by: the same state for
// what the view offers a person and for what the workflow then accepts from them.
import type { AppealState } from '@minqing/shared';
import type { Category } from '../org/entities/category.entity.js';
import type { Appeal } from './entities/appeal.entity.js';

export function appealState(appeal: Appeal, category: Pick<Category, 'standingRule'>, departmentCode: string | null): AppealState {
  return {
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
