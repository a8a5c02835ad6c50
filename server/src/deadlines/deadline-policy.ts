// An organisation's deadline policy: the defaults of a mine, overridden by what its settings say
// (the settings section itself is defined with the others, in org/org-settings.ts).
import type { DeadlinePolicy } from '@minqing/shared';
import { sectionOf, type SettingsRow } from '../org/org-settings.js';

export function policyOf(org: SettingsRow): DeadlinePolicy {
  return sectionOf(org, 'deadlines');
}
