// Three server instances' deadline runners, each with its own connection pool, on one MariaDB through
// a simulated week: every reminder and escalation is sent exactly once. (SQLite is the embedded,
// single-process default: there is no second instance to race with there.)
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/clock.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { ENTITIES } from '../src/entities.js';
import { Transactions } from '../src/database/transactions.js';
import { NoticesRepository } from '../src/notices/notices.repository.js';
import { OutboxRepository } from '../src/notifications/outbox.repository.js';
import { StaffNotifier } from '../src/notifications/staff-notifier.js';
import { AppealsRepository } from '../src/appeals/appeals.repository.js';
import { TimelineRepository } from '../src/appeals/timeline.repository.js';
import { OrgRepository } from '../src/org/org.repository.js';
import { StaffRolesRepository } from '../src/users/staff-roles.repository.js';
import { UsersRepository } from '../src/users/users.repository.js';
import { DeadlineRunner } from '../src/deadlines/deadline-runner.js';
import { DeadlinesRepository } from '../src/deadlines/deadlines.repository.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const engines = enginesUnderTest().filter((engine) => engine === 'mariadb');
const suite = engines.length ? describe.each(engines) : describe.skip.each(['mariadb' as EngineName]);

suite('deadline runners of three instances on %s', (engine) => {
  const ctx = useTestApp(engine);
  const pools: DataSource[] = [];
  afterAll(async () => {
    for (const pool of pools) await pool.destroy();
    ctx.t?.setNow(null);
  });

  it('send every reminder and escalation of a simulated week exactly once', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    const start = sh('2026-12-07T08:00');
    // A dozen appeals left at different steps, some urgent, submitted through the day.
    for (let i = 0; i < 12; i++) {
      t.setNow(new Date(start.getTime() + i * 37 * 60_000));
      const worker = await t.login(uniqueName(`w${i}`));
      const { body } = await submitAppeal(t, worker, validAppeal(org.code, { content: `第 ${i + 1} 件:宿舍热水时有时无` }));
      if (i % 4 === 0) continue;
      await act(t, office, body.id, 'accept', { urgent: i % 5 === 0 });
      if (i % 4 === 1) continue;
      await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
      if (i % 4 === 2) continue;
      await act(t, logistics, body.id, 'acknowledge');
    }

    const runners = await Promise.all(
      [1, 2, 3].map(async () => {
        const pool = new DataSource(dataSourceOptions(t.config.database, ENTITIES));
        await pool.initialize();
        pools.push(pool);
        return new DeadlineRunner(
          new DeadlinesRepository(pool),
          new TimelineRepository(pool),
          new AppealsRepository(pool),
          new OrgRepository(pool),
          new StaffRolesRepository(pool),
          new Transactions(pool),
          new Clock(),
          new StaffNotifier(new OutboxRepository(pool), new NoticesRepository(pool), new UsersRepository(pool), new OrgRepository(pool), t.config),
        );
      }),
    );
    const end = new Date(start.getTime() + 7 * 86_400_000);
    let sent = 0;
    for (let now = start.getTime(); now <= end.getTime(); now += 30 * 60_000) {
      const counts = await Promise.all(runners.map((runner) => runner.runDue(new Date(now))));
      sent += counts.reduce((a, b) => a + b, 0);
    }

    const events: Array<{ data: string }> = await t.db.query(
      "SELECT data FROM appeal_events WHERE type IN ('reminder', 'escalated') AND org_id = (SELECT id FROM organizations WHERE code = ?)",
      [org.code],
    );
    const perAction = new Map<string, number>();
    for (const event of events) {
      const { actionId } = JSON.parse(event.data) as { actionId: string };
      perAction.set(actionId, (perAction.get(actionId) ?? 0) + 1);
    }
    expect([...perAction.values()].filter((n) => n !== 1)).toEqual([]);
    const [{ done }] = await t.db.query('SELECT COUNT(*) AS done FROM step_actions WHERE done_at IS NOT NULL AND org_id = (SELECT id FROM organizations WHERE code = ?)', [
      org.code,
    ]);
    expect(perAction.size).toBe(Number(done));
    expect(sent).toBe(events.length);
    expect(events.length).toBeGreaterThan(20);
    const [{ left }] = await t.db.query('SELECT COUNT(*) AS `left` FROM step_actions WHERE done_at IS NULL AND cancelled_at IS NULL AND run_at <= ?', [end]);
    expect(Number(left)).toBe(0);
  });
});
