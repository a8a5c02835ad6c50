// The benchmarks' generator (bench/generate.mjs) writes the month's kept counts (report_counts) itself,
// summed from each appeal's facts as it makes them, instead of the product's recount reading the rows
// back (at a million appeals the recount took most of the generation): here, on 2,000 generated appeals
// over two mines and two months (the second the current one, so some steps are still open and some
// times are cut at the present), the rows it wrote are the very rows the product's recount gives.
import { recountCounts } from '../src/database/report-counts.js';
import { useGeneratedDatabase } from './support/generated-database.js';
import { enginesUnderTest } from './support/test-databases.js';

const now = new Date();
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

describe.each(enginesUnderTest())('the generator’s kept counts on %s', (engine) => {
  const ctx = useGeneratedDatabase(engine, { orgs: 2, months: 2, perMonth: 500, startMonth: lastMonth });

  it('are the rows the product’s recount makes from the generated appeals', async () => {
    const { db } = ctx;
    const kept = async () =>
      (
        (await db.query('SELECT org_id, month, facet, dims, n, sum_ms, answers, returned FROM report_counts ORDER BY org_id, month, facet, dims')) as Array<Record<string, unknown>>
      ).map((r) => ({ ...r, facet: String(r.facet), n: Number(r.n), sum_ms: Number(r.sum_ms), answers: Number(r.answers), returned: Number(r.returned) }));
    const generated = await kept();
    // Every appeal counted once in its rates and its tally, and every facet there.
    const total = (facet: string) => generated.filter((r) => r.facet === facet).reduce((sum, r) => sum + r.n, 0);
    expect(total('rates')).toBe(2000);
    expect(total('tally')).toBe(2000);
    expect(total('reply_time')).toBeGreaterThan(0);
    expect(total('answer_time')).toBeGreaterThan(0);
    expect(generated.some((r) => r.facet === 'rates' && r.answers > 0 && r.returned > 0)).toBe(true);

    await recountCounts(db);
    expect(await kept()).toEqual(generated);
  });
});
