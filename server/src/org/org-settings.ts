// The organisation's settings: one JSON column (`organizations.settings`) of typed sections, each
// with its defaults here, in one place. Reading never fails: a section never saved, or a column that
// does not parse, gives the defaults (a broken row must not stop the deadline clock). Writing goes
// through OrgSettingsRepository, which changes one section under the row's lock.
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, fen, type Fen } from '@minqing/shared';
import type { Organization } from './entities/organization.entity.js';

/** How staff are told: the in-app inbox and WeChat always; the departments' 企业微信 group robots when on. */
export interface NotificationSettings {
  /** Also post staff news to the department's group robot (when the department has one). */
  robot: boolean;
  /** The office staff (user ids) who asked for no to-do message of new appeals; every other clerk gets the digest. */
  newAppealsOff: string[];
}

/** Hardship relief: the month's budget in fen, and the approver the administrator named besides the leaders. */
export interface ReliefSettings {
  /** Null: no budget set, so nothing can be approved. */
  monthlyBudgetFen: Fen | null;
  approverId: string | null;
}

/** Seeing a confidential worker's contact: who approves besides the party secretary, and how long an approval lasts. */
export interface RevealSettings {
  approverId: string | null;
  hours: number;
}

export type StickerQrKind = 'link' | 'wxacode';

/** What the stickers' QR is: the ordinary link, or WeChat's mini-program code. */
export interface StickerSettings {
  qr: StickerQrKind;
}

export interface OrgSettings {
  /** The deadline policy: calendar or working time, quiet hours, the time for each step, escalation. */
  deadlines: DeadlinePolicy;
  notifications: NotificationSettings;
  relief: ReliefSettings;
  stickers: StickerSettings;
  reveal: RevealSettings;
}

export type SettingsSection = keyof OrgSettings;

/** The row's parts a section is read from: the JSON, and the time zone the deadline calendar runs in. */
export type SettingsRow = Pick<Organization, 'settings' | 'timeZone'>;

interface Section<T> {
  /** The section from what is stored for it (undefined when never saved), defaults filled in. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- stored JSON of any earlier shape: each reader checks every field it takes
  read(stored: any, org: SettingsRow): T;
  /** What is stored for it. */
  store(value: T): unknown;
}

const SECTIONS: { [S in SettingsSection]: Section<OrgSettings[S]> } = {
  deadlines: {
    read: (stored: Partial<DeadlinePolicy> | undefined, org) => {
      const custom = stored ?? {};
      return {
        ...DEFAULT_DEADLINE_POLICY,
        ...custom,
        calendar: { ...DEFAULT_DEADLINE_POLICY.calendar, ...custom.calendar, timeZone: org.timeZone },
        quietHours: { ...DEFAULT_DEADLINE_POLICY.quietHours, ...custom.quietHours },
        hours: { ...DEFAULT_DEADLINE_POLICY.hours, ...custom.hours },
      };
    },
    // The calendar's time zone is the organisation's own column: it is not stored twice.
    store: (policy) => {
      const { timeZone: _zone, ...calendar } = policy.calendar;
      return { ...policy, calendar };
    },
  },
  notifications: {
    read: (stored: { robot?: unknown; newAppealsOff?: unknown } | undefined) => ({
      robot: stored?.robot === true,
      newAppealsOff: Array.isArray(stored?.newAppealsOff) ? stored.newAppealsOff.filter((id): id is string => typeof id === 'string') : [],
    }),
    store: (value) => value,
  },
  relief: {
    read: (stored: { monthlyBudgetFen?: unknown; approverId?: unknown } | undefined) => ({
      monthlyBudgetFen: fen(stored?.monthlyBudgetFen),
      approverId: typeof stored?.approverId === 'string' ? stored.approverId : null,
    }),
    store: (value) => value,
  },
  stickers: {
    read: (stored: { qr?: unknown } | undefined) => ({ qr: stored?.qr === 'wxacode' ? 'wxacode' : 'link' }),
    store: (value) => value,
  },
  reveal: {
    read: (stored: { approverId?: unknown; hours?: unknown } | undefined) => ({
      approverId: typeof stored?.approverId === 'string' ? stored.approverId : null,
      hours: Number.isInteger(stored?.hours) && (stored!.hours as number) >= 1 && (stored!.hours as number) <= 168 ? (stored!.hours as number) : 24,
    }),
    store: (value) => value,
  },
};

/** The column as stored, section by section; {} when empty or when it does not parse. */
function storedSections(settings: string | null): Record<string, unknown> {
  try {
    const parsed: unknown = settings ? JSON.parse(settings) : {};
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One section of an organisation's settings, defaults filled in. */
export function sectionOf<S extends SettingsSection>(org: SettingsRow, section: S): OrgSettings[S] {
  return SECTIONS[section].read(storedSections(org.settings)[section], org);
}

/** Every section of an organisation's settings, defaults filled in. */
export function settingsOf(org: SettingsRow): OrgSettings {
  return {
    deadlines: sectionOf(org, 'deadlines'),
    notifications: sectionOf(org, 'notifications'),
    relief: sectionOf(org, 'relief'),
    stickers: sectionOf(org, 'stickers'),
    reveal: sectionOf(org, 'reveal'),
  };
}

/** What the column stores for a section's value. */
export function storedSection<S extends SettingsSection>(section: S, value: OrgSettings[S]): unknown {
  return SECTIONS[section].store(value);
}

/** The column with one section replaced and every other one left exactly as it is stored. */
export function withSection<S extends SettingsSection>(settings: string | null, section: S, value: OrgSettings[S]): string {
  return JSON.stringify({ ...storedSections(settings), [section]: storedSection(section, value) });
}
