// The organisation's relief settings, kept in its settings: the month's budget in fen, and the
// approver the administrator named besides the leaders (the section is defined with the others, in
// org/org-settings.ts).
import { sectionOf, type ReliefSettings, type SettingsRow } from '../org/org-settings.js';

export type { ReliefSettings };

export function reliefSettingsOf(org: SettingsRow): ReliefSettings {
  return sectionOf(org, 'relief');
}
