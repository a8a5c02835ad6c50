// The organisation's relief settings, kept in its settings JSON: the month's budget in fen, and the
// approver the administrator named besides the leaders.
import type { Organization } from '../org/entities/organization.entity.js';
import { fen, type Fen } from './money.js';

export interface ReliefSettings {
  /** Null: no budget set, so nothing can be approved. */
  monthlyBudgetFen: Fen | null;
  approverId: string | null;
}

export function reliefSettingsOf(org: Pick<Organization, 'settings'>): ReliefSettings {
  try {
    const relief = (org.settings ? (JSON.parse(org.settings) as { relief?: { monthlyBudgetFen?: unknown; approverId?: unknown } }).relief : undefined) ?? {};
    return { monthlyBudgetFen: fen(relief.monthlyBudgetFen), approverId: typeof relief.approverId === 'string' ? relief.approverId : null };
  } catch {
    return { monthlyBudgetFen: null, approverId: null };
  }
}
