// Every module's entities, for the TypeORM data source of the app, the command-line tools and the
// tests. A composition root, like app.module.ts: it may name every module, and no module imports it.
import { Appeal } from './appeals/entities/appeal.entity.js';
import { AppealEvent } from './appeals/entities/appeal-event.entity.js';
import { AppealNote } from './notes/entities/appeal-note.entity.js';
import { AppealSupport } from './support/entities/appeal-support.entity.js';
import { AppealStep } from './deadlines/entities/appeal-step.entity.js';
import { AuditEntry } from './audit/entities/audit-entry.entity.js';
import { BindCode } from './staff/entities/bind-code.entity.js';
import { CannedReply } from './canned-replies/entities/canned-reply.entity.js';
import { Category } from './org/entities/category.entity.js';
import { Department } from './org/entities/department.entity.js';
import { DispatchSheet } from './appeals/entities/dispatch-sheet.entity.js';
import { SheetDepartment } from './appeals/entities/sheet-department.entity.js';
import { MonthlyReport } from './reports/entities/monthly-report.entity.js';
import { Notice } from './notices/entities/notice.entity.js';
import { Organization } from './org/entities/organization.entity.js';
import { OutboxMessage } from './notifications/entities/outbox-message.entity.js';
import { Place } from './org/entities/place.entity.js';
import { ReliefRecord } from './relief/entities/relief-record.entity.js';
import { ReportCount } from './reports/entities/report-count.entity.js';
import { ReportExportJob } from './reports/entities/report-export-job.entity.js';
import { ReportItem } from './reports/entities/report-item.entity.js';
import { ReportExclusionRow } from './reports/entities/report-exclusion.entity.js';
import { RevealRequest } from './appeals/entities/reveal-request.entity.js';
import { SerialCounter } from './appeals/entities/serial-counter.entity.js';
import { StaffRole } from './users/entities/staff-role.entity.js';
import { StepAction } from './deadlines/entities/step-action.entity.js';
import { SubscriptionCredit } from './subscriptions/entities/subscription-credit.entity.js';
import { ThrottleCounter } from './throttle/entities/throttle-counter.entity.js';
import { Upload } from './uploads/entities/upload.entity.js';
import { User } from './users/entities/user.entity.js';

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
  ReportExclusionRow,
  ReportCount,
  AuditEntry,
  ReliefRecord,
  ThrottleCounter,
  RevealRequest,
  ReportExportJob,
  AppealNote,
  AppealSupport,
  CannedReply,
  SheetDepartment,
];
