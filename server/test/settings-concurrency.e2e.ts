// Two administrators of one mine save different parts of its settings at the same moment — the
// deadline policy, the group robots, the relief budget, the stickers' QR, each five times over (a
// double tap, a retry): twenty saves at once — twenty rounds, each with other values: every save is
// there afterwards. All of them live in one row, so a save that read
// the row before another wrote it would put the other's section back as it was. (MariaDB only: SQLite
// runs one write transaction at a time, so there is nothing to race there.)
import type { DeadlinePolicy, NotificationSettingsView, OrgSetupView } from '@minqing/shared';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const ROUNDS = 20;
/** Each section saved this many times in one round: twenty requests at once. */
const COPIES = 5;

const engines = enginesUnderTest().filter((engine) => engine === 'mariadb');
const suite = engines.length ? describe.each(engines) : describe.skip.each(['mariadb' as EngineName]);

suite('settings saved at the same moment on %s', (engine) => {
  const ctx = useTestApp(engine);

  it(`keeps both administrators' saves, ${ROUNDS} rounds out of ${ROUNDS}`, async () => {
    const { t, org } = ctx;
    const first = await t.login(org.staff.admin);
    // The second administrator joins through a bind code, as a real one would.
    const issued = await t.http().post('/api/admin/bind-codes').set(auth(first)).send({ role: 'admin' });
    expect(issued.status).toBe(201);
    const second = await t.login(`${org.code}_admin2`);
    expect((await t.http().post('/api/me/bind').set(auth(second)).send({ code: issued.body.code })).status).toBe(200);

    const lost: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const hours = 10 + round;
      const robot = round % 2 === 1;
      const budget = 100_000 + round;
      const qr = round % 2 === 1 ? 'wxacode' : 'link';
      const saves = await Promise.all(
        Array.from({ length: COPIES }, () => [
          t.http().put('/api/admin/deadline-policy').set(auth(first)).send({ urgentAnswerHours: hours }),
          t.http().put('/api/admin/notification-settings').set(auth(second)).send({ robot }),
          t.http().put('/api/admin/relief-settings').set(auth(first)).send({ monthlyBudgetFen: budget }),
          t.http().patch('/api/admin/org').set(auth(second)).send({ stickerQr: qr }),
        ]).flat(),
      );
      expect(saves.map((s) => s.status)).toEqual(Array(4 * COPIES).fill(200));

      const policy = (await t.http().get('/api/admin/deadline-policy').set(auth(first))).body as DeadlinePolicy;
      const notifications = (await t.http().get('/api/admin/notification-settings').set(auth(second))).body as NotificationSettingsView;
      const setup = (await t.http().get('/api/admin/org').set(auth(first))).body as OrgSetupView;
      const [row] = (await t.db.query('SELECT settings FROM organizations WHERE code = ?', [org.code])) as Array<{ settings: string }>;
      const relief = (JSON.parse(row.settings) as { relief?: { monthlyBudgetFen?: number } }).relief;
      const missing = [
        policy.urgentAnswerHours === hours ? null : 'deadline policy',
        notifications.robot === robot ? null : 'notification settings',
        relief?.monthlyBudgetFen === budget ? null : 'relief settings',
        setup.stickerQr === qr ? null : 'sticker QR',
      ].filter((s) => s !== null);
      if (missing.length) lost.push(`round ${round}: ${missing.join(', ')}`);
    }
    expect(lost).toEqual([]);
  });
});
