// One place that turns the configured database into TypeORM options, for the app, the migration
// command and the tests alike. Schema changes go through migrations only — never synchronize. The
// entities come from the caller (the list in ../entities.ts): the database layer knows no feature module.
import fs from 'node:fs';
import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';
import { ClosedLoop1764100000000 } from './migrations/1764100000000-closed-loop.js';
import { Deadlines1764200000000 } from './migrations/1764200000000-deadlines.js';
import { ExtensionRequests1764300000000 } from './migrations/1764300000000-extension-requests.js';
import { Outbox1764400000000 } from './migrations/1764400000000-outbox.js';
import { StaffChannels1764500000000 } from './migrations/1764500000000-staff-channels.js';
import { MonthlyReports1764600000000 } from './migrations/1764600000000-monthly-reports.js';
import { OrgAdmin1764700000000 } from './migrations/1764700000000-org-admin.js';
import { Relief1764800000000 } from './migrations/1764800000000-relief.js';
import { RevealRequests1765000000000 } from './migrations/1765000000000-reveal-requests.js';
import { TokenVersion1765100000000 } from './migrations/1765100000000-token-version.js';
import { ThrottleCounters1765200000000 } from './migrations/1765200000000-throttle-counters.js';
import { ReportIndexes1765400000000 } from './migrations/1765400000000-report-indexes.js';
import { ReportExports1765500000000 } from './migrations/1765500000000-report-exports.js';
import { AppealNotes1766100000000 } from './migrations/1766100000000-appeal-notes.js';
import { MergedCallFlag1766400000000 } from './migrations/1766400000000-merged-call-flag.js';
import { CannedReplies1766600000000 } from './migrations/1766600000000-canned-replies.js';
import { VoiceNotes1766700000000 } from './migrations/1766700000000-voice-notes.js';
import { ReportCountsParts1766800000000 } from './migrations/1766800000000-report-counts-parts.js';
import { ReportCountsOrgRates1767400000000 } from './migrations/1767400000000-report-counts-org-rates.js';
import { ReportFiguresJson1766200000000 } from './migrations/1766200000000-report-figures-json.js';
import { ReportCounts1766210000000 } from './migrations/1766210000000-report-counts.js';
import { AppealIndexTrim1766220000000 } from './migrations/1766220000000-appeal-index-trim.js';
import { StaffListIndexes1765700000000 } from './migrations/1765700000000-staff-list-indexes.js';
import { AppealSupports1766500000000 } from './migrations/1766500000000-appeal-supports.js';
import { SheetDepartments1766300000000 } from './migrations/1766300000000-sheet-departments.js';
import { ReportExclusions1767000000000 } from './migrations/1767000000000-report-exclusions.js';

export const MIGRATIONS = [
  InitialSchema1764000000000,
  ClosedLoop1764100000000,
  Deadlines1764200000000,
  ExtensionRequests1764300000000,
  Outbox1764400000000,
  StaffChannels1764500000000,
  MonthlyReports1764600000000,
  OrgAdmin1764700000000,
  Relief1764800000000,
  RevealRequests1765000000000,
  TokenVersion1765100000000,
  ThrottleCounters1765200000000,
  ReportIndexes1765400000000,
  ReportExports1765500000000,
  StaffListIndexes1765700000000,
  AppealNotes1766100000000,
  ReportFiguresJson1766200000000,
  ReportCounts1766210000000,
  AppealIndexTrim1766220000000,
  SheetDepartments1766300000000,
  MergedCallFlag1766400000000,
  AppealSupports1766500000000,
  CannedReplies1766600000000,
  VoiceNotes1766700000000,
  ReportCountsParts1766800000000,
  ReportExclusions1767000000000,
  ReportCountsOrgRates1767400000000,
];

export function dataSourceOptions(database: DatabaseConfig, entities: DataSourceOptions['entities']): DataSourceOptions {
  const common = { entities, migrations: MIGRATIONS, synchronize: false, migrationsRun: false } as const;
  if (database.type === 'sqlite') {
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.file,
      // WAL lets readers go on while a submission commits; foreign tools can read the file meanwhile.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        if (database.file !== ':memory:') {
          db.pragma('journal_mode = WAL');
          // SQLite's planner picks indexes by the statistics ANALYZE keeps (sqlite_stat1); with none it guesses,
          // and at 100,000 appeals guessed a scan of the organisation's appeals where the committed plans
          // (server/test/*plans*, made after ANALYZE) read the steps' index. SQLite's advice for a long-lived
          // connection: PRAGMA optimize=0x10002 as it opens, sampling (analysis_limit; 0.4 s at 100,000
          // appeals, once), and now and then after (health/sqlite-statistics.ts). sqlite.org/pragma.html#pragma_optimize
          db.pragma('analysis_limit = 400');
          db.pragma('optimize = 0x10002');
        }
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
    // trace: false — mysql2 otherwise captures a stack trace on every statement (Error.captureStackTrace,
    // ~5% of a submission's CPU) to name the caller should it fail; TypeORM's QueryFailedError names the statement.
    extra: { connectionLimit: 20, trace: false },
    connectTimeout: 5000,
  };
}
