// The month's counts kept per transition (report_counts) against the month counted from its appeals,
// steps and events (the old aggregates, kept as the oracle): after a random walk of appeals through
// the closed loop over HTTP, with the clock moving so that some steps are met late and some open ones
// fall due, the dashboard's figures (and the 红黑榜's counts) equal the oracle's at several moments. On
// MariaDB, parallel submissions and transitions lose no increment: the kept rows equal a recount.
import { TRANSITIONS, type AppealAction, type AppealStatus, type AppealView } from '@minqing/shared';
import { OrgRepository } from '../src/org/org.repository.js';
import { RatesRepository } from '../src/reports/rates.repository.js';
import { ReportCountsRepository } from '../src/reports/report-counts.repository.js';
import { ReportFiguresBuilder } from '../src/reports/report-figures.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp, type TestOrg } from './support/test-app.js';
import { timeBudget } from './support/time-budget.js';

const HOUR = 3600_000;

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface People {
  office: string;
  leader: string;
  logistics: string;
  payroll: string;
}

async function peopleOf(t: TestApp, org: TestOrg): Promise<People> {
  return {
    office: await t.login(org.staff.coordinator),
    leader: await t.login(org.staff.leader),
    logistics: await t.login(org.staff.logistics),
    payroll: await t.login(org.staff.payroll),
  };
}

/** Every action some person may try now, with a body the contract accepts. */
function attempts(p: People, owner: string, department: string | undefined, now: number, pick: <T>(xs: T[]) => T, others: string[]): Array<[string, string, object]> {
  const future = (days: number) => new Date(now + days * 24 * HOUR).toISOString();
  const handler = department === 'payroll' ? p.payroll : p.logistics;
  return [
    ['accept', p.office, { urgent: pick([true, false]) }],
    ['reject', p.office, { reason: '不属于受理范围' }],
    ['merge', p.office, { into: pick(others) }],
    ['dispatch', pick([p.office, p.leader]), { department: pick(['logistics', 'payroll']), instructions: '请尽快处理' }],
    ['acknowledge', handler, {}],
    ['progress', handler, { text: '正在办理', done: pick([true, false]) }],
    [
      'respond',
      handler,
      pick([
        { outcome: 'resolved', text: '已解决' },
        { outcome: 'explained', text: '已解释' },
        { outcome: 'scheduled', text: '限期办理', plannedAt: future(5) },
      ]),
    ],
    ['return', p.office, { reason: '答复不具体' }],
    ['reply', p.office, { text: '已答复职工', publicSummary: '已答复' }],
    ['calls', p.office, { result: pick(['reached', 'unreachable']), summary: '回访' }],
    ['extension', handler, { reason: '配件未到', until: future(6) }],
    ['extension-decision', p.leader, { approve: pick([true, false]) }],
    ['rate', owner, { rating: pick(['satisfied', 'basic', 'unsatisfied']) }],
    ['reopen', p.office, { reason: '问题仍未解决' }],
  ];
}

async function orgAndMonth(t: TestApp, code: string) {
  const [{ id }] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [code]);
  const org = (await t.app.get(OrgRepository).findOrgById(id))!;
  const months: Array<{ month: string }> = await t.db.query('SELECT DISTINCT month FROM appeals WHERE org_id = ?', [id]);
  return { org, months: months.map((m) => m.month) };
}

/** The kept rows of an organisation, zero rows left out, in a stable order. */
async function keptRows(t: TestApp, orgId: string) {
  const rows: Array<Record<string, unknown>> = await t.db.query(
    'SELECT month, facet, dims, n, sum_ms, answers, returned FROM report_counts WHERE org_id = ? AND n <> 0 ORDER BY month, facet, dims',
    [orgId],
  );
  return rows.map((r) => [r.month, r.facet, r.dims, Number(r.n), Number(r.sum_ms), Number(r.answers), Number(r.returned)]);
}

describe.each(enginesUnderTest())('the counts kept per transition on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t.setNow(null));

  it(
    'give the figures the month’s appeals give, after a random walk through the loop',
    async () => {
      const { t, org } = ctx;
      const p = await peopleOf(t, org);
      const rand = random(19);
      const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
      const start = Date.now();
      let now = start;
      t.setNow(new Date(now));
      const owners = new Map<string, string>();
      const versions = new Map<string, number>();
      const statusOf = new Map<string, AppealStatus>();
      const departmentOf = new Map<string, string>();
      for (let i = 0; i < 24; i++) {
        const worker = await t.login(uniqueName('w'));
        const { body, status } = await submitAppeal(
          t,
          worker,
          validAppeal(org.code, { category: pick(['living', 'welfare', 'advice']), place: pick(['bath', 'canteen', 'dorm1']) }),
        );
        expect(status).toBe(201);
        owners.set(body.id, worker);
        versions.set(body.id, body.version);
        statusOf.set(body.id, body.status);
      }
      const ids = [...owners.keys()];
      let moved = 0;
      for (let round = 0; round < 240; round++) {
        // Time passes: some steps are met late, some open ones fall due.
        now += Math.floor(rand() * 9 * HOUR);
        t.setNow(new Date(now));
        const id = pick(ids);
        // Among the actions the machine allows from the appeal's status (who, and the conditions, still decide).
        const possible = attempts(
          p,
          owners.get(id)!,
          departmentOf.get(id),
          now,
          pick,
          ids.filter((x) => x !== id),
        )
          .filter(([action]) => TRANSITIONS[action as AppealAction].from.includes(statusOf.get(id)!))
          // The ends (不予受理, 合并) now and then, not as often as every other way on.
          .filter(([action]) => !['reject', 'merge'].includes(action) || rand() < 0.15);
        if (!possible.length) continue;
        const [action, token, body] = pick(possible);
        const response = await act(t, token, id, action, { ...body, version: versions.get(id) });
        if (response.status === 200) {
          moved++;
          versions.set(id, (response.body as AppealView).version);
          statusOf.set(id, (response.body as AppealView).status);
          if (action === 'dispatch') departmentOf.set(id, (body as { department: string }).department);
        } else expect([400, 403, 404, 409, 422]).toContain(response.status);
      }
      expect(moved).toBeGreaterThan(60);

      const { org: entity, months } = await orgAndMonth(t, org.code);
      const builder = t.app.get(ReportFiguresBuilder);
      const rates = t.app.get(RatesRepository);
      const statuses = new Set<string>();
      for (const month of months) {
        // At several moments: before the walk, in the middle, at its end and later, when every open step is due.
        for (const asOf of [start, (start + now) / 2, now, now + 30 * 24 * HOUR].map((ms) => new Date(ms))) {
          const kept = await builder.figures(entity, month, asOf);
          const counted = await builder.figuresFromAppeals(entity, month, asOf);
          expect(kept).toEqual(counted);
          for (const s of Object.keys(kept.byStatus)) statuses.add(s);
          const byOrg = await rates.countsByOrg([entity.id], month, asOf);
          expect(byOrg.get(entity.id)).toEqual((await rates.countsByOrgFromAppeals([entity.id], month, asOf)).get(entity.id));
        }
      }
      // The walk went somewhere: several statuses, and late or overdue steps to count.
      expect(statuses.size).toBeGreaterThanOrEqual(4);
      // A recount from the appeals writes the rows the transitions left.
      const before = await keptRows(t, entity.id);
      for (const month of months) await t.app.get(ReportCountsRepository).recount({ orgId: entity.id, month });
      expect(await keptRows(t, entity.id)).toEqual(before);
    },
    timeBudget(400, 150),
  );
});

// SQLite runs one write transaction at a time: only MariaDB can show a lost increment.
const mariadbOnly = enginesUnderTest().filter((e) => e !== 'sqlite');
const onMariadb = mariadbOnly.length ? describe.each(mariadbOnly) : describe.skip.each(['mariadb' as EngineName]);

onMariadb('the counts under parallel writes on %s', (engine) => {
  const ctx = useTestApp(engine);

  it(
    'lose no increment: 40 submissions and 40 transitions at once leave the rows a recount makes',
    async () => {
      const { t, org } = ctx;
      const p = await peopleOf(t, org);
      const workers = await Promise.all(Array.from({ length: 40 }, () => t.login(uniqueName('w'))));
      // One organisation's month, one category and place: every submission adds to the same rows.
      const submitted = await Promise.all(workers.map((w) => submitAppeal(t, w, validAppeal(org.code))));
      expect(submitted.map((r) => r.status)).toEqual(workers.map(() => 201));
      const ids = submitted.map((r) => r.body.id as string);
      // Every transition takes one from the 'submitted' rows and adds to another: the rows all of them share.
      const accepted = await Promise.all(ids.map((id, i) => (i % 4 === 0 ? act(t, p.office, id, 'reject', { reason: '重复提交' }) : act(t, p.office, id, 'accept', {}))));
      expect(accepted.map((r) => r.status)).toEqual(ids.map(() => 200));
      const open = ids.filter((_, i) => i % 4 !== 0);
      const dispatched = await Promise.all(open.map((id) => act(t, p.office, id, 'dispatch', { department: 'logistics', instructions: '请尽快处理' })));
      expect(dispatched.map((r) => r.status)).toEqual(open.map(() => 200));
      // Submissions and transitions at once, on the same month's rows.
      const more = await Promise.all(Array.from({ length: 10 }, () => t.login(uniqueName('w'))));
      const mixed = await Promise.all([...open.map((id) => act(t, p.logistics, id, 'acknowledge', {})), ...more.map((w) => submitAppeal(t, w, validAppeal(org.code)))]);
      expect(mixed.map((r) => r.status)).toEqual([...open.map(() => 200), ...more.map(() => 201)]);

      const { org: entity, months } = await orgAndMonth(t, org.code);
      const builder = t.app.get(ReportFiguresBuilder);
      const kept = await keptRows(t, entity.id);
      for (const month of months) await t.app.get(ReportCountsRepository).recount({ orgId: entity.id, month });
      expect(kept).toEqual(await keptRows(t, entity.id));
      const asOf = new Date();
      const figures = await builder.figures(entity, months[0], asOf);
      expect(figures).toEqual(await builder.figuresFromAppeals(entity, months[0], asOf));
      expect(figures.counts.total).toBe(50);
      expect(figures.byStatus).toEqual({ rejected: 10, in_progress: 30, submitted: 10 });
    },
    timeBudget(200, 150),
  );
});
