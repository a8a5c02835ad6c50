// A big month's figures fit: at 100,000 appeals the 核减 list alone is some 15,000 entries, far over
// MariaDB's TEXT (64 KB), and drafting such a month answered 500. A draft whose figures are several
// hundred kilobytes is stored, refreshed, published and read back over HTTP whole, on both engines.
import { newId } from '../src/common/columns.js';
import { Transactions } from '../src/database/transactions.js';
import { ReportsRepository } from '../src/reports/reports.repository.js';
import { enginesUnderTest } from './support/test-databases.js';
import { useTestApp } from './support/test-app.js';

/** Figures as a month of `excluded` 核减 entries would have them (the rest as small as can be). */
function bigFigures(excluded: number, reason: string) {
  return {
    org: { code: 'x', name: '测试矿', slogan: '矿山是咱家' },
    month: '2026-06',
    computedAt: '2026-07-01T00:00:00.000Z',
    exclusions: Array.from({ length: excluded }, (_, i) => ({ serial: `CY202606-${String(i).padStart(6, '0')}`, kind: i % 3 ? 'rejected' : 'merged', reason })),
  };
}

describe.each(enginesUnderTest())('a month’s figures of any size on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('are stored, refreshed, published and read back whole when far over 64 KB', async () => {
    const { t, org } = ctx;
    const [{ id: orgId }] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [org.code]);
    const reports = t.app.get(ReportsRepository);
    const transactions = t.app.get(Transactions);
    const first = bigFigures(6000, '不属于职工诉求受理范围,已告知职工通过其他渠道反映');
    const id = newId();
    const now = new Date('2026-07-01T00:00:00Z');
    await transactions.run((tx) =>
      reports.insertReport(tx, {
        id,
        orgId,
        month: '2026-06',
        version: 1,
        state: 'draft',
        figures: JSON.stringify(first),
        note: null,
        computedAt: now,
        publishedAt: null,
        publishedBy: null,
        createdAt: now,
      }),
    );
    expect(JSON.stringify(first).length).toBeGreaterThan(400_000);
    const office = await t.login(org.staff.coordinator);
    const read = await t.http().get('/api/reports/2026-06').set('Authorization', `Bearer ${office}`);
    expect(read.status).toBe(200);
    expect(read.body.figures.exclusions).toEqual(first.exclusions);

    // The draft refreshed with other figures as big (the draft's UPDATE), then published.
    const second = bigFigures(9000, '与已受理诉求重复,合并办理');
    expect(await transactions.run((tx) => reports.refreshDraft(tx, id, { figures: JSON.stringify(second), computedAt: now }))).toBe(true);
    const published = await t.http().post('/api/reports/2026-06/publish').set('Authorization', `Bearer ${office}`).send({});
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ state: 'published', version: 1 });
    expect(published.body.figures.exclusions).toHaveLength(9000);
    expect(published.body.figures.exclusions.at(-1)).toEqual(second.exclusions.at(-1));
  });
});
