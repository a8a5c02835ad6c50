// On a SQLite file the server gives the query planner the statistics the committed plans are made with
// (the plan tests run ANALYZE first): taken as the database opens, and refreshed by the upkeep job once
// a table has grown — without them SQLite guessed a scan of an organisation's appeals for the inbox's
// 即将到期 count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStatistics } from '../src/health/sqlite-statistics.js';
import { insertAppeal } from './support/appeal-factory.js';
import { startTestApp, uniqueName } from './support/test-app.js';

const statsOf = async (db: { query(sql: string): Promise<Array<{ idx: string | null }>> }) =>
  (await db.query("SELECT idx FROM sqlite_stat1 WHERE tbl = 'appeals'").catch(() => [])).map((r) => r.idx);

describe('SQLite planner statistics', () => {
  it('are taken as the server opens its file, and refreshed when a table has grown', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mq-stats-')), 'app.db');
    const env = { DATABASE_URL: `sqlite:${file}` };
    const first = await startTestApp('sqlite', env);
    try {
      const org = (await first.createOrg()).code;
      for (let i = 0; i < 150; i++) await insertAppeal(first, org, { status: 'submitted', ownerOpenid: uniqueName('w') });
      // Opened empty: nothing was measured; the upkeep job's run finds the appeals unmeasured and measures them.
      expect(await statsOf(first.db)).toEqual([]);
      await first.app.get(SqliteStatistics).refresh();
      expect(await statsOf(first.db)).toEqual(expect.arrayContaining(['ix_appeals_org_status_flags']));
      await first.db.query('DELETE FROM sqlite_stat1');
    } finally {
      await first.close();
    }
    // Opened again with the statistics gone: measured as it opens, before any request.
    const second = await startTestApp('sqlite', env);
    try {
      expect(await statsOf(second.db)).toEqual(expect.arrayContaining(['ix_appeals_org_status_flags']));
    } finally {
      await second.close();
    }
  });
});
