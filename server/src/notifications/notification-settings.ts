// How an organisation wants its staff told, kept in the organisation's settings beside its deadline
// policy: the in-app inbox and WeChat always; the departments' 企业微信 group robots when on (the
// section is defined with the others, in org/org-settings.ts).
import { sectionOf, type NotificationSettings, type SettingsRow } from '../org/org-settings.js';

export type { NotificationSettings };

export function notificationSettingsOf(org: SettingsRow): NotificationSettings {
  return sectionOf(org, 'notifications');
}
