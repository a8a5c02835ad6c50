// The export jobs' controller and providers (and the pages the export reads), for reports.module.ts to include as one piece.
import { ExportJobsController } from './export-jobs.controller.js';
import { ExportJobsRepository } from './export-jobs.repository.js';
import { ExportPages } from './export-pages.js';
import { ReportExportJobs } from './export-jobs.service.js';
import { ExportSweeper } from './export-sweeper.js';

export const EXPORT_JOBS = { controllers: [ExportJobsController], providers: [ExportPages, ExportJobsRepository, ReportExportJobs, ExportSweeper] };
