// An organisation's deadline policy: the defaults of a mine, overridden by what its settings say.
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '@minqing/shared';
import type { Organization } from '../org/entities/organization.entity.js';

export function policyOf(org: Pick<Organization, 'settings' | 'timeZone'>): DeadlinePolicy {
  let settings: { deadlines?: Partial<DeadlinePolicy> } = {};
  try {
    settings = org.settings ? (JSON.parse(org.settings) as typeof settings) : {};
  } catch {
    // A settings row that does not parse falls back to the defaults rather than stopping the clock.
  }
  const custom = settings.deadlines ?? {};
  return {
    ...DEFAULT_DEADLINE_POLICY,
    ...custom,
    calendar: { ...DEFAULT_DEADLINE_POLICY.calendar, ...custom.calendar, timeZone: org.timeZone },
    quietHours: { ...DEFAULT_DEADLINE_POLICY.quietHours, ...custom.quietHours },
    hours: { ...DEFAULT_DEADLINE_POLICY.hours, ...custom.hours },
  };
}
