// How an organisation wants its staff told, kept in the organisation's settings JSON beside its
// deadline policy: the in-app inbox and WeChat always; the departments' 企业微信 group robots when on.
import type { Organization } from '../org/entities/organization.entity.js';

export interface NotificationSettings {
  /** Also post staff news to the department's group robot (when the department has one). */
  robot: boolean;
}

export function notificationSettingsOf(org: Pick<Organization, 'settings'>): NotificationSettings {
  try {
    const settings = org.settings ? (JSON.parse(org.settings) as { notifications?: Partial<NotificationSettings> }) : {};
    return { robot: settings.notifications?.robot === true };
  } catch {
    return { robot: false };
  }
}
