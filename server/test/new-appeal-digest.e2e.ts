// Every new appeal reaches the office without a message per appeal: one digest per ten-minute window —
// a to-do message to each office clerk who granted a credit (a clerk without one gets none: the inbox's
// 待受理 carries it) and one post to the office's group robot — sent when the window ends, counting the
// window's appeals and those still waiting. 20 submissions at once make one digest (the outbox's unique
// key per organisation and window; MariaDB shows the race). Nothing of a worker reaches the digest.
import { DIGEST_WINDOW_MS, INBOX_PAGE } from '../src/notifications/new-appeal-digest.js';
import { OutboxDispatcher } from '../src/notifications/outbox-dispatcher.js';
import { submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp, type TestOrg } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function officeRobot(t: TestApp, org: TestOrg): Promise<string> {
  const [row] = await t.db.query("SELECT d.robot_key AS robotKey FROM departments d JOIN organizations o ON o.id = d.org_id WHERE o.code = ? AND d.code = 'party'", [org.code]);
  return row.robotKey ?? row.robotkey;
}

async function digestRows(t: TestApp, org: TestOrg): Promise<Array<{ channel: string; state: string; key: string }>> {
  const [{ id }] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [org.code]);
  const rows: Array<Record<string, string>> = await t.db.query(
    "SELECT channel, state, dedupe_key AS k FROM outbox_messages WHERE org_id = ? AND dedupe_key LIKE 'digest:%' ORDER BY dedupe_key",
    [id],
  );
  return rows.map((r) => ({ channel: r.channel, state: r.state, key: r.k }));
}

/** The start of a window well ahead of the real clock, so no earlier test's submissions share it. */
const windowAhead = (windows: number) => (Math.floor(Date.now() / DIGEST_WINDOW_MS) + windows) * DIGEST_WINDOW_MS;

describe.each(enginesUnderTest())('the office hears of new appeals on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t.setNow(null));

  it('sends one digest per window when it ends, by WeChat with the clerk’s credit and by the office’s robot, counting the window', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    // One credit: the first window's message goes, the second finds none.
    expect((await t.acceptMessages(office, { [t.config.wechat.templates.todo]: 'accept' })).status).toBe(200);
    const start = windowAhead(10);
    const secrets: string[] = [];
    const submitAt = async (at: number, n: number) => {
      t.setNow(new Date(at));
      for (let i = 0; i < n; i++) {
        const openid = uniqueName('w');
        const worker = await t.login(openid);
        const name = `钱${openid.slice(-4)}`;
        await t.http().patch('/api/me').set(auth(worker)).send({ name, unit: '机电一队', phone: '13700001111' });
        secrets.push(name, openid);
        const submitted = await submitAppeal(t, worker, validAppeal(org.code, { content: `${name}反映:澡堂热水时有时无,电话13700001111` }));
        expect(submitted.status).toBe(201);
      }
    };
    await submitAt(start + 60_000, 2);
    await submitAt(start + 7 * 60_000, 1);
    const dispatcher = t.app.get(OutboxDispatcher);

    // Before the window ends nothing is sent: the appeals wait under 待受理 in the app.
    await dispatcher.runDue(new Date(start + 9 * 60_000), 500);
    const toOffice = () => t.simulator.records.messagesTo(org.staff.coordinator).filter((m) => m.page === INBOX_PAGE);
    const robot = await officeRobot(t, org);
    const robotPosts = () => t.simulator.records.robotMessages(robot).filter((m) => m.content.includes('新诉求待受理'));
    expect(toOffice()).toEqual([]);
    expect(robotPosts()).toEqual([]);
    expect((await digestRows(t, org)).map((r) => [r.channel, r.state])).toEqual([
      ['wechat', 'pending'],
      ['robot', 'pending'],
    ]);

    const first = await dispatcher.runDue(new Date(start + DIGEST_WINDOW_MS + 1000), 500);
    expect(first.sent).toBeGreaterThanOrEqual(2);
    const [todo, ...moreTodo] = toOffice();
    expect(moreTodo).toEqual([]);
    const keys = t.config.wechat.templateKeys.todo;
    expect(todo.template_id).toBe(t.config.wechat.templates.todo);
    expect(todo.data[keys.title].value).toBe('新诉求待受理');
    expect(todo.data[keys.note].value).toMatch(/^新诉求 3 件,待受理 \d+ 件$/);
    const [post, ...morePosts] = robotPosts();
    expect(morePosts).toEqual([]);
    expect(post.content).toContain('近 10 分钟收到 3 件新诉求');
    expect(post.content).toContain(`${t.config.publicBaseUrl}/#/${INBOX_PAGE}`);
    const staffText = JSON.stringify([todo, post]);
    for (const secret of [...secrets, '13700001111', '1111', '澡堂']) expect(staffText).not.toContain(secret);

    // The next window: one appeal, one more digest — no credit left, so no WeChat message; the robot needs none.
    await submitAt(start + DIGEST_WINDOW_MS + 2 * 60_000, 1);
    await dispatcher.runDue(new Date(start + 2 * DIGEST_WINDOW_MS + 1000), 500);
    expect(toOffice()).toHaveLength(1);
    expect(robotPosts().map((p) => p.content.includes('近 10 分钟收到 1 件新诉求'))).toEqual([false, true]);
    expect((await digestRows(t, org)).map((r) => [r.channel, r.state])).toEqual([
      ['wechat', 'sent'],
      ['robot', 'sent'],
      ['wechat', 'no_credit'],
      ['robot', 'sent'],
    ]);
  });

  it('makes one digest of 20 appeals submitted at once', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const workers = await Promise.all(Array.from({ length: 20 }, () => t.login(uniqueName('w'))));
    const start = windowAhead(20);
    t.setNow(new Date(start + 3 * 60_000));
    const answers = await Promise.all(workers.map((w) => submitAppeal(t, w, validAppeal(org.code))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect((await digestRows(t, org)).map((r) => r.channel)).toEqual(['wechat', 'robot']);

    await t.app.get(OutboxDispatcher).runDue(new Date(start + DIGEST_WINDOW_MS + 1000), 500);
    const posts = t.simulator.records.robotMessages(await officeRobot(t, org)).filter((m) => m.content.includes('新诉求待受理'));
    expect(posts.map((p) => p.content.match(/收到 (\d+) 件/)?.[1])).toEqual(['20']);
  });
});
