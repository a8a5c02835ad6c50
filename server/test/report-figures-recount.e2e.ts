// A month's figures come from the counts kept per transition (here: as the generator kept
// them) and equal both the aggregates counted from the month's appeals and a recount made here, in the test, from
// the month's rows one by one — the counts per department and category, the tallies, the places folded,
// the reply and answer times (average and 90th percentile), the 核减 list; and the group's 红黑榜 query
// over all its mines at once gives each mine what its own query gives.
import { COUNT_ONLY_CATEGORIES, EMPTY_COUNTS, MIN_PUBLIC_GROUP, percentile, type RateCounts } from '@minqing/shared';
import { OrgRepository } from '../src/org/org.repository.js';
import { AppealTallies } from '../src/appeals/appeal-tallies.js';
import { RatesRepository } from '../src/reports/rates.repository.js';
import { ReportCountsRepository } from '../src/reports/report-counts.repository.js';
import { OTHER_PLACE, ReportFiguresBuilder } from '../src/reports/report-figures.js';
import { ThreadReader } from '../src/database/thread-reader.js';
import { useGeneratedDatabase } from './support/generated-database.js';
import { enginesUnderTest } from './support/test-databases.js';

const HOUR = 3600_000;
type Row = Record<string, unknown>;
const time = (v: unknown) => (v instanceof Date ? v.getTime() : new Date(`${String(v).replace(' ', 'T')}Z`).getTime());

describe.each(enginesUnderTest())('a month’s figures from aggregates on %s', (engine) => {
  // Two months so that the other month's rows are there to be left out; "now" inside the second, so some open steps are not yet due.
  const ctx = useGeneratedDatabase(engine, { orgs: 2, months: 2, perMonth: 1500, startMonth: '2026-05' });

  it('equal a recount of the month’s rows, and the 红黑榜 gives each mine its own figures', async () => {
    const { db, data } = ctx;
    const reader = new ThreadReader(db);
    const store = new ReportCountsRepository(db, reader, new AppealTallies());
    const rates = new RatesRepository(reader, store);
    const builder = new ReportFiguresBuilder(rates, new OrgRepository(db), reader, store);
    const org = (await new OrgRepository(db).findOrgById(data.orgs[0].id))!;
    const month = '2026-06';
    const asOf = new Date('2026-06-20T00:00:00Z');
    try {
      const { figures, items } = await builder.build(org, month, asOf);
      // The counts the generator kept give what the month's appeals give.
      expect(figures).toEqual(await builder.figuresFromAppeals(org, month, asOf));

      // The recount, from the rows.
      const appeals: Row[] = await db.query('SELECT * FROM appeals WHERE org_id = ? AND month = ? ORDER BY created_at, id', [org.id, month]);
      // The thread reader (on SQLite: its own thread, handing rows over a thousand at a time) gives every row, in order.
      const read = await reader.query<{ id: string }>('SELECT id FROM appeals WHERE org_id = :orgId AND month = :month ORDER BY created_at, id', { orgId: org.id, month });
      expect(appeals.length).toBeGreaterThan(1000);
      expect(read.map((r) => r.id)).toEqual(appeals.map((a) => a.id));
      const ids = new Set(appeals.map((a) => a.id));
      const steps = ((await db.query('SELECT * FROM appeal_steps WHERE org_id = ?', [org.id])) as Row[]).filter((s) => ids.has(s.appeal_id));
      const events = ((await db.query('SELECT * FROM appeal_events WHERE org_id = ? ORDER BY created_at, id', [org.id])) as Row[]).filter((e) => ids.has(e.appeal_id));
      expect(appeals.length).toBe(1500);
      const isValid = (a: Row) => a.status !== 'rejected';
      const counts = (subset: Row[]): RateCounts => {
        const c = { ...EMPTY_COUNTS };
        for (const a of subset) {
          const mine = steps.filter((s) => s.appeal_id === a.id && s.cancelled_at === null);
          const due = (kind: string) => mine.filter((s) => s.step === kind && (s.met_at !== null || time(s.due_at) <= asOf.getTime())).length;
          const late = (kind: string) =>
            mine.filter((s) => s.step === kind && ((s.met_at !== null && time(s.met_at) > time(s.due_at)) || (s.met_at === null && time(s.due_at) <= asOf.getTime()))).length;
          const replied = isValid(a) && ['replied', 'closed', 'merged'].includes(a.status as string) && a.outcome !== null;
          const valid = isValid(a);
          c.total++;
          if (valid) c.valid++;
          if (a.status === 'rejected') c.rejected++;
          if (a.status === 'merged') c.merged++;
          if (valid && due('triage') > 0) c.triageDue++;
          if (valid && due('triage') > 0 && late('triage') === 0) c.triagedOnTime++;
          if (replied) c.replied++;
          if (valid && due('answer') > 0) c.answerDue++;
          if (valid && due('answer') > 0 && late('answer') === 0) c.answeredOnTime++;
          if (replied && (a.outcome === 'resolved' || (a.outcome === 'scheduled' && !Number(a.supervised)))) c.resolved++;
          if (replied && a.outcome === 'explained') c.explained++;
          if (valid && a.rating !== null) c.rated++;
          if (valid && ['satisfied', 'basic'].includes(a.rating as string)) c.satisfied++;
          if (valid && a.rating === 'unsatisfied') c.unsatisfied++;
          if (replied && Number(a.call_logged)) c.called++;
          if (valid) c.answers += events.filter((e) => e.appeal_id === a.id && e.type === 'responded').length;
          if (valid) c.returned += events.filter((e) => e.appeal_id === a.id && e.type === 'returned').length;
          if (valid && a.status === 'closed') c.closed++;
          if (valid && Number(a.reopen_count) > 0) c.reopened++;
        }
        return c;
      };
      expect(figures.counts).toEqual(counts(appeals));
      for (const d of data.orgs[0].departments) {
        const group = figures.byDepartment.find((g) => g.code === d.code)!;
        expect(group.counts).toEqual(counts(appeals.filter((a) => a.department_id === d.id)));
      }
      expect(figures.byDepartment.find((g) => g.code === null)!.counts).toEqual(counts(appeals.filter((a) => a.department_id === null)));
      for (const c of data.orgs[0].categories) expect(figures.byCategory.find((g) => g.code === c.code)!.counts).toEqual(counts(appeals.filter((a) => a.category_id === c.id)));

      const tally = (values: unknown[]) => values.reduce<Record<string, number>>((t, v) => ({ ...t, [String(v)]: (t[String(v)] ?? 0) + 1 }), {});
      expect(figures.byStatus).toEqual(tally(appeals.map((a) => a.status)));
      const valid = appeals.filter(isValid);
      expect(figures.byOutcome).toEqual(tally(valid.filter((a) => a.outcome !== null && a.replied_at !== null).map((a) => a.outcome)));
      const perPlace = tally(appeals.filter((a) => a.place_id !== null).map((a) => a.place_id));
      const placeName = new Map(data.orgs[0].places.map((p) => [p.id, p.name]));
      const publicPlace = (id: unknown) => (id !== null && (perPlace[String(id)] ?? 0) >= MIN_PUBLIC_GROUP ? placeName.get(String(id))! : OTHER_PLACE);
      const byPlace = tally(appeals.map((a) => publicPlace(a.place_id)));
      expect(Object.fromEntries(figures.byPlace.map((p) => [p.name, p.n]))).toEqual(byPlace);
      expect(figures.byPlace.at(-1)!.name).toBe(OTHER_PLACE);
      expect(Object.keys(byPlace).length).toBeLessThan(data.orgs[0].places.length + 1); // some places were folded

      const duration = (ms: number[]) => ({
        n: ms.length,
        averageHours: Math.round((ms.reduce((a, b) => a + b, 0) / ms.length / HOUR) * 10) / 10,
        p90Hours: Math.round((percentile(ms, 90)! / HOUR) * 10) / 10,
      });
      expect(figures.times.reply).toEqual(duration(valid.filter((a) => a.replied_at !== null).map((a) => time(a.replied_at) - time(a.created_at))));
      const validIds = new Set(valid.map((a) => a.id));
      const answered = steps.filter((s) => validIds.has(s.appeal_id) && s.step === 'answer' && s.met_at !== null && s.cancelled_at === null);
      expect(figures.times.answer).toEqual(duration(answered.map((s) => time(s.met_at) - time(s.started_at))));

      const excluded = appeals.filter((a) => !isValid(a));
      expect(figures.exclusions).toEqual(
        excluded.map((a) => ({ serial: a.serial, kind: a.status, reason: events.filter((e) => e.appeal_id === a.id && e.type === a.status).at(-1)!.text })),
      );
      // The export's pages of the list (a keyset on the time and the id): the same list, each entry once, in order.
      const paged = [];
      for await (const page of builder.exclusionPages(org, month, 7)) paged.push(...page);
      expect(excluded.length).toBeGreaterThan(14);
      expect(paged).toEqual(figures.exclusions);

      const categoryCode = new Map(data.orgs[0].categories.map((c) => [c.id, c.code]));
      const listable = valid.filter(
        (a) =>
          ['replied', 'closed'].includes(a.status as string) &&
          a.outcome !== null &&
          a.replied_at !== null &&
          Number(a.publish_consent) === 1 &&
          !COUNT_ONLY_CATEGORIES.includes(categoryCode.get(String(a.category_id))!),
      );
      const suggested = (a: Row) => {
        const data = events.filter((e) => e.appeal_id === a.id && e.type === 'replied').at(-1)!.data as string | null;
        return data ? (JSON.parse(data) as { publicSummary: string }).publicSummary : null;
      };
      expect(items.map((i) => [i.serial, i.placeName, i.summary])).toEqual(listable.map((a) => [a.serial, publicPlace(a.place_id), suggested(a)]));
      expect(items.some((i) => i.summary) && items.some((i) => !i.summary)).toBe(true);

      // The 红黑榜's one query over both mines, against each mine's own.
      const byOrg = await rates.countsByOrg(
        data.orgs.map((o) => o.id),
        month,
        asOf,
      );
      for (const o of data.orgs) expect(byOrg.get(o.id)).toEqual((await rates.counts(o.id, month, asOf)).org);
      expect(byOrg).toEqual(
        await rates.countsByOrgFromAppeals(
          data.orgs.map((o) => o.id),
          month,
          asOf,
        ),
      );
      expect(byOrg.get(data.orgs[1].id)!.total).toBe(1500);
    } finally {
      await reader.onModuleDestroy();
    }
  }, 180_000); // the recount here is the slow part: each appeal's steps and events looked up one by one
});
