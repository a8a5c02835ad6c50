// The Excel export as a job, over a month of 2,500 appeals put straight into the tables (several of
// the writer's pages on both engines) and two confidential ones submitted for real, one of them
// revealed to the office through an approved request: the file read back has every appeal once, in
// the order they were made, with the headers and the steps; names only where the identity table
// allows; the job's progress, its link for its exporter alone, its end when its process died, its
// file deleted after a day; and, on MariaDB, one running export per person and month however many
// taps arrive at once.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { formatLocal, type ReportExportView } from '@minqing/shared';
import { AppealEvent } from '../src/appeals/entities/appeal-event.entity.js';
import { Appeal } from '../src/appeals/entities/appeal.entity.js';
import { newId } from '../src/common/columns.js';
import { insertRows } from '../src/database/insert-rows.js';
import { ReportExportJob } from '../src/reports/entities/report-export-job.entity.js';
import { ReportExportJobs } from '../src/reports/export/export-jobs.service.js';
import { submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { appEnginesUnderTest, useTestAppOn, type AppEngine, type TestApp, type useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const sh = (local: string) => new Date(`${local}+08:00`);
const MONTH = '2026-08';
const BULK = 2500;
const HEADERS = [
  '编号',
  '提交时间',
  '类别',
  '地点',
  '身份',
  '职工',
  '诉求内容',
  '状态',
  '受理',
  '批办',
  '承办部门',
  '办结时限',
  '部门答复',
  '反馈职工',
  '办理结果',
  '回访',
  '评价',
  '用时(天)',
];

interface Month {
  orgId: string;
  office: string;
  leader: string;
  /** Every appeal of the month in the order made (the bulk, then the two submitted), with when it was accepted if it was. */
  serials: string[];
  acceptedAt: Map<string, Date>;
  namedWorker: string;
  revealed: { name: string; serial: string };
  hidden: { name: string; serial: string };
}

/** The bulk: named appeals of one worker, every third accepted an hour after it came, in one multi-row insert per 200. */
async function buildMonth(t: TestApp, orgCode: string): Promise<Month> {
  t.setNow(sh('2026-08-20T10:00'));
  const [org] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [orgCode]);
  const [category] = await t.db.query("SELECT id FROM categories WHERE org_id = ? AND code = 'living'", [org.id]);
  const namedWorker = '鲍春生';
  await t.login('export_named');
  await t.db.query('UPDATE users SET name = ?, unit = ? WHERE openid = ?', [namedWorker, '综采一队', 'export_named']);
  const [submitter] = await t.db.query('SELECT id FROM users WHERE openid = ?', ['export_named']);
  const serials: string[] = [];
  const acceptedAt = new Map<string, Date>();
  for (let start = 0; start < BULK; start += 200) {
    const appeals: Appeal[] = [];
    const events: AppealEvent[] = [];
    for (let i = start; i < Math.min(BULK, start + 200); i++) {
      const createdAt = new Date(sh('2026-08-01T08:00').getTime() + i * 60_000);
      const serial = `${orgCode.toUpperCase()}202608-B${String(i).padStart(5, '0')}`;
      const id = newId();
      serials.push(serial);
      appeals.push({
        ...{ id, orgId: org.id, serial, month: MONTH, categoryId: category.id, placeId: null, submitterId: submitter.id, identity: 'named' as const },
        ...{
          content: `第 ${i} 件:宿舍热水供应不稳定`,
          phoneEnc: null,
          phoneTail: null,
          publishConsent: true,
          status: i % 3 === 0 ? ('accepted' as const) : ('submitted' as const),
        },
        ...{ urgent: false, outcome: null, rating: null, underReview: false, idempotencyKey: randomUUID(), requestHash: 'x'.repeat(64), departmentId: null, assigneeId: null },
        ...{ dueAt: null, plannedAt: null, supervised: false, reopenCount: 0, mergedIntoId: null, repliedAt: null, callLogged: false, extensionUntil: null, extensionReason: null },
        ...{ version: 1, createdAt, updatedAt: createdAt },
      });
      if (i % 3 === 0) {
        const at = new Date(createdAt.getTime() + 3600_000);
        acceptedAt.set(serial, at);
        events.push({
          id: newId(),
          appealId: id,
          orgId: org.id,
          type: 'accepted',
          actorId: null,
          actorRole: 'coordinator',
          text: null,
          visibleToWorker: true,
          data: null,
          createdAt: at,
        });
      }
    }
    await t.db.transaction(async (manager) => {
      await insertRows(manager, Appeal, appeals);
      await insertRows(manager, AppealEvent, events);
    });
  }
  // Two confidential appeals submitted for real; the office asks to see the first one's worker, the party secretary approves.
  const confidential = async (openid: string, name: string) => {
    const token = await t.login(openid);
    await t.db.query('UPDATE users SET name = ? WHERE openid = ?', [name, openid]);
    const response = await submitAppeal(t, token, validAppeal(orgCode, { identity: 'confidential', content: '班组长克扣加班费,不敢实名反映' }));
    expect(response.status).toBe(201);
    serials.push(response.body.serial);
    return response.body as { id: string; serial: string };
  };
  const revealed = await confidential('export_revealed', '尉迟秀兰');
  const hidden = await confidential('export_hidden', '公孙振华');
  const office = await t.login(`${orgCode}_coordinator`);
  const request = await t.http().post(`/api/appeals/${revealed.id}/reveal-requests`).set(auth(office)).send({ reason: '回访需要联系职工' });
  expect(request.status).toBe(201);
  const secretary = await t.login(`${orgCode}_secretary`);
  expect((await t.http().post(`/api/reveal-requests/${request.body.id}/decision`).set(auth(secretary)).send({ approve: true })).status).toBe(200);
  return {
    orgId: org.id,
    office,
    leader: await t.login(`${orgCode}_leader`),
    serials,
    acceptedAt,
    namedWorker,
    revealed: { name: '尉迟秀兰', serial: revealed.serial },
    hidden: { name: '公孙振华', serial: hidden.serial },
  };
}

async function startExport(t: TestApp, token: string): Promise<ReportExportView> {
  const response = await t.http().post(`/api/reports/${MONTH}/exports`).set(auth(token));
  expect(response.status).toBe(200);
  return response.body;
}

/** Looks at the job until it is no longer running (the progress seen on the way is returned too). */
async function finished(t: TestApp, token: string, id: string): Promise<{ job: ReportExportView; seen: number[] }> {
  const seen: number[] = [];
  for (;;) {
    const response = await t.http().get(`/api/reports/exports/${id}`).set(auth(token));
    expect(response.status).toBe(200);
    const job = response.body as ReportExportView;
    seen.push(job.rowsDone);
    if (job.state !== 'running') return { job, seen };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function fetchFile(t: TestApp, url: string) {
  return t
    .http()
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

async function details(t: TestApp, url: string): Promise<unknown[][]> {
  const response = await fetchFile(t, url);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.body as unknown as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toEqual(['领导摘要', '按部门', '按类别', '诉求明细']);
  return (book.getWorksheet('诉求明细')!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
}

/** The test app with the month built in it, for a describe block (`month` is filled before the tests run). */
function useMonth(engine: AppEngine): { ctx: ReturnType<typeof useTestApp>; month: Month } {
  const ctx = useTestAppOn(engine);
  const month = {} as Month;
  beforeAll(async () => {
    Object.assign(month, await buildMonth(ctx.t, ctx.org.code));
  }, 120_000);
  afterAll(() => ctx.t?.setNow(null));
  return { ctx, month };
}

describe.each(appEnginesUnderTest())('the Excel export as a job on %s', (engine) => {
  const { ctx, month } = useMonth(engine);

  it('writes a month of 2,500 appeals through several pages: every appeal once, in order, with the headers, the steps and names only where allowed', async () => {
    const { t } = ctx;
    const started = await startExport(t, month.office);
    expect(started).toMatchObject({ month: MONTH, state: 'running', rowsTotal: BULK + 2, downloadUrl: null });
    // Too large for the answer of the plain download: it says to make it as a job.
    const direct = await t.http().get(`/api/reports/${MONTH}.xlsx`).set(auth(month.office));
    expect([direct.status, direct.body.code]).toEqual([409, 'REPORT_EXPORT_TOO_LARGE']);

    const { job, seen } = await finished(t, month.office, started.id);
    expect(job).toMatchObject({ state: 'done', rowsDone: BULK + 2, rowsTotal: BULK + 2, error: null });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const rows = await details(t, job.downloadUrl!);
    expect(rows[0]).toEqual(HEADERS);
    const body = rows.slice(1);
    expect(body.map((r) => r[0])).toEqual(month.serials);
    const tz = 'Asia/Shanghai';
    for (const r of body.slice(0, BULK))
      expect([r[0], r[8] || null]).toEqual([r[0], month.acceptedAt.has(r[0] as string) ? formatLocal(month.acceptedAt.get(r[0] as string)!, tz) : null]);
    expect(new Set(body.slice(0, BULK).map((r) => r[5]))).toEqual(new Set([month.namedWorker]));
    // The revealed confidential worker in their row only; the other one nowhere.
    expect(body.filter((r) => r[5] === month.revealed.name).map((r) => r[0])).toEqual([month.revealed.serial]);
    expect(body.find((r) => r[0] === month.hidden.serial)![5]).toBe('职工(保密)');
    expect(JSON.stringify(rows)).not.toContain(month.hidden.name);

    const [entry] = await t.db.query("SELECT * FROM audit_log WHERE action = 'report.export' AND entity_key = ? ORDER BY created_at DESC", [MONTH]);
    expect(JSON.parse(entry.after)).toMatchObject({ month: MONTH, withIdentities: true, namedWorkers: BULK, confidentialRevealed: [month.revealed.serial] });
  }, 120_000);

  it("is its exporter's alone: the link for them only and for ten minutes, their job nobody else's; a leader's file names nobody", async () => {
    const { t } = ctx;
    const { job } = await finished(t, month.leader, (await startExport(t, month.leader)).id);
    expect(job.state).toBe('done');
    const rows = await details(t, job.downloadUrl!);
    expect(rows).toHaveLength(BULK + 3);
    for (const name of [month.namedWorker, month.revealed.name, month.hidden.name]) expect(JSON.stringify(rows)).not.toContain(name);

    expect((await t.http().get(`/api/reports/exports/${job.id}`).set(auth(month.office))).status).toBe(404);
    const officeId = (await t.http().get('/api/me').set(auth(month.office))).body.id as string;
    const forwarded = job.downloadUrl!.replace(/v=[^&]+/, `v=${officeId}`);
    expect((await fetchFile(t, forwarded)).status).toBe(404);
    expect((await fetchFile(t, job.downloadUrl!.replace(/sig=[^&]+/, 'sig=x'))).status).toBe(404);
    const department = await t.login(`${ctx.org.code}_logistics`);
    expect((await t.http().post(`/api/reports/${MONTH}/exports`).set(auth(department))).status).toBe(403);
    t.setNow(new Date(sh('2026-08-20T10:00').getTime() + 11 * 60_000));
    expect((await fetchFile(t, job.downloadUrl!)).status).toBe(404);
    // A fresh look gives a fresh link.
    const again = (await t.http().get(`/api/reports/exports/${job.id}`).set(auth(month.leader))).body as ReportExportView;
    expect((await fetchFile(t, again.downloadUrl!)).status).toBe(200);
    t.setNow(sh('2026-08-20T10:00'));
  }, 120_000);

  it('fails an export whose process died — on the next look, or by the sweeper — and lets its exporter start again', async () => {
    const { t } = ctx;
    const person = async (key: string) => (await t.db.query('SELECT id FROM users WHERE openid = ?', [`${ctx.org.code}_${key}`]))[0] as { id: string };
    const [office, leader] = [await person('coordinator'), await person('leader')];
    const dead = (requestedBy: string): ReportExportJob => {
      const at = new Date(sh('2026-08-20T10:00').getTime() - 3 * 60_000);
      return {
        id: newId(),
        orgId: month.orgId,
        month: MONTH,
        requestedBy,
        state: 'running',
        running: true,
        rowsTotal: BULK + 2,
        rowsDone: 500,
        fileKey: null,
        error: null,
        createdAt: at,
        heartbeatAt: at,
        finishedAt: null,
        expiresAt: null,
      };
    };
    const mine = dead(office.id);
    const theirs = dead(leader.id);
    await t.db.getRepository(ReportExportJob).insert([mine, theirs]);

    const looked = (await t.http().get(`/api/reports/exports/${mine.id}`).set(auth(month.office))).body as ReportExportView;
    expect(looked).toMatchObject({ state: 'failed', rowsDone: 500, downloadUrl: null, error: { code: 'REPORT_EXPORT_INTERRUPTED', message: expect.stringContaining('请重新点') } });
    expect(await t.app.get(ReportExportJobs).sweep()).toMatchObject({ failed: 1 });
    expect((await t.http().get(`/api/reports/exports/${theirs.id}`).set(auth(month.leader))).body.state).toBe('failed');
    const next = await startExport(t, month.office);
    expect(next.id).not.toBe(mine.id);
    expect((await finished(t, month.office, next.id)).job.state).toBe('done');
  }, 120_000);

  it('deletes the file after a day: the job says so and what to do, the link too', async () => {
    const { t } = ctx;
    const { job } = await finished(t, month.office, (await startExport(t, month.office)).id);
    const [{ file_key: key }] = await t.db.query('SELECT file_key FROM report_exports WHERE id = ?', [job.id]);
    expect(fs.existsSync(`${t.config.uploadDir}/${key}`)).toBe(true);
    t.setNow(new Date(sh('2026-08-20T10:00').getTime() + 25 * 3600_000));
    expect((await t.app.get(ReportExportJobs).sweep()).expired).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(`${t.config.uploadDir}/${key}`)).toBe(false);
    t.setNow(sh('2026-08-20T10:05'));
    const response = await fetchFile(t, job.downloadUrl!);
    expect([response.status, JSON.parse(response.body.toString()).code]).toEqual([410, 'REPORT_EXPORT_EXPIRED']);
    const view = (await t.http().get(`/api/reports/exports/${job.id}`).set(auth(month.office))).body as ReportExportView;
    expect(view).toMatchObject({ state: 'expired', downloadUrl: null, error: { code: 'REPORT_EXPORT_EXPIRED' } });
  }, 120_000);

  it('answers a small month at once, through the same writer', async () => {
    const { t } = ctx;
    const job = await t.http().post('/api/reports/2026-07/exports').set(auth(month.office));
    expect(job.body).toMatchObject({ state: 'done', rowsDone: 0, rowsTotal: 0 });
    expect(await details(t, job.body.downloadUrl)).toEqual([HEADERS]);
    expect((await t.http().post('/api/reports/2026-7/exports').set(auth(month.office))).body.code).toBe('REPORT_MONTH_INVALID');
  });
});

const mariadbOnly = enginesUnderTest().filter((engine) => engine === 'mariadb');
const onMariadb = mariadbOnly.length ? describe.each(mariadbOnly) : describe.skip.each(['mariadb' as EngineName]);

onMariadb('one running export per person and month on %s', (engine) => {
  const { ctx, month } = useMonth(engine);

  it('runs one export for 30 taps at once: every tap answers it, and no two ever ran side by side', async () => {
    const { t } = ctx;
    // The real clock, so that each job's start and end are their own instants.
    t.setNow(null);
    const answers = await Promise.all(Array.from({ length: 30 }, () => t.http().post(`/api/reports/${MONTH}/exports`).set(auth(month.office))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const ids = new Set(answers.map((a) => a.body.id as string));
    for (const id of ids) expect((await finished(t, month.office, id)).job.state).toBe('done');
    const jobs: Array<{ id: string; created_at: Date; finished_at: Date }> = await t.db.query(
      'SELECT id, created_at, finished_at FROM report_exports WHERE org_id = ? AND month = ? ORDER BY created_at, id',
      [month.orgId, MONTH],
    );
    // Each tap answered a job that exists; the jobs' runs follow one another.
    expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
    for (let i = 1; i < jobs.length; i++) expect(new Date(jobs[i].created_at).getTime()).toBeGreaterThanOrEqual(new Date(jobs[i - 1].finished_at).getTime());
    expect(jobs.length).toBeLessThan(30);
  }, 180_000);
});
