// One place that turns the configured database into TypeORM options, for the app, the migration
// command and the tests alike. Schema changes go through migrations only — never synchronize.
import fs from 'node:fs';
import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { Appeal } from '../appeals/entities/appeal.entity.js';
import { AppealEvent } from '../appeals/entities/appeal-event.entity.js';
import { SerialCounter } from '../appeals/entities/serial-counter.entity.js';
import { Notice } from '../notices/entities/notice.entity.js';
import { Category } from '../org/entities/category.entity.js';
import { Department } from '../org/entities/department.entity.js';
import { Organization } from '../org/entities/organization.entity.js';
import { Place } from '../org/entities/place.entity.js';
import { SubscriptionCredit } from '../subscriptions/entities/subscription-credit.entity.js';
import { Upload } from '../uploads/entities/upload.entity.js';
import { StaffRole } from '../users/entities/staff-role.entity.js';
import { User } from '../users/entities/user.entity.js';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';
import { ClosedLoop1764100000000 } from './migrations/1764100000000-closed-loop.js';
import { Deadlines1764200000000 } from './migrations/1764200000000-deadlines.js';
import { ExtensionRequests1764300000000 } from './migrations/1764300000000-extension-requests.js';
import { Outbox1764400000000 } from './migrations/1764400000000-outbox.js';
import { StaffChannels1764500000000 } from './migrations/1764500000000-staff-channels.js';
import { MonthlyReports1764600000000 } from './migrations/1764600000000-monthly-reports.js';
import { OrgAdmin1764700000000 } from './migrations/1764700000000-org-admin.js';
import { Relief1764800000000 } from './migrations/1764800000000-relief.js';
import { OutboxMessage } from '../notifications/entities/outbox-message.entity.js';
import { AppealStep } from '../deadlines/entities/appeal-step.entity.js';
import { StepAction } from '../deadlines/entities/step-action.entity.js';
import { BindCode } from '../staff/entities/bind-code.entity.js';
import { DispatchSheet } from '../appeals/entities/dispatch-sheet.entity.js';
import { MonthlyReport } from '../reports/entities/monthly-report.entity.js';
import { ReportItem } from '../reports/entities/report-item.entity.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { ReliefRecord } from '../relief/entities/relief-record.entity.js';

export const ENTITIES = [
  Organization,
  Place,
  Department,
  Category,
  User,
  StaffRole,
  Appeal,
  AppealEvent,
  SerialCounter,
  Upload,
  SubscriptionCredit,
  Notice,
  DispatchSheet,
  BindCode,
  AppealStep,
  StepAction,
  OutboxMessage,
  MonthlyReport,
  ReportItem,
  AuditEntry,
  ReliefRecord,
];

export const MIGRATIONS = [InitialSchema1764000000000, ClosedLoop1764100000000, Deadlines1764200000000, ExtensionRequests1764300000000, Outbox1764400000000, StaffChannels1764500000000, MonthlyReports1764600000000, OrgAdmin1764700000000, Relief1764800000000];

export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false } as const;
  if (database.type === 'sqlite') {
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.file,
      // WAL lets readers go on while a submission commits; foreign tools can read the file meanwhile.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        if (database.file !== ':memory:') db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    // Both dialects run on the mysql2 driver; `mariadb` adds INSERT … RETURNING and reads MariaDB's
    // catalog correctly (under `mysql` it mistakes MariaDB's DEFAULT NULL for a literal default).
    type: database.flavor,
    url: database.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    extra: { connectionLimit: 20 },
    connectTimeout: 5000,
  };
}
