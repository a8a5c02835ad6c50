// Many mines, one deployment: every route the application serves (read from its own metadata, so a
// new route is covered the day it is added) is called by each kind of person of mine A with mine B's
// identifiers. None of it may answer with anything of mine B, no route may touch B's appeals by id
// (always 404, the same as an id that does not exist), and afterwards B's data is exactly as it was.
import { randomUUID } from 'node:crypto';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { routeList, type RouteInfo } from './support/route-list.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';
import { declaredRouteCount, timeBudget } from './support/time-budget.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const sh = (local: string) => new Date(`${local}+08:00`);

/** Valid bodies, so a broken access check would show as a success rather than a validation error. */
const ACTION_BODIES: Record<string, object> = {
  accept: {},
  reject: { reason: '不属于受理范围' },
  merge: { into: 'X' },
  dispatch: { department: 'logistics', instructions: '请处理' },
  acknowledge: {},
  progress: { text: '正在办理' },
  respond: { outcome: 'resolved', text: '已经办好' },
  return: { reason: '答复不清楚' },
  reply: { text: '已经办好了' },
  calls: { result: 'reached', summary: '已电话告知' },
  extension: { reason: '配件未到', until: '2030-01-01T00:00:00Z' },
  'extension-decision': { approve: true },
  rate: { rating: 'satisfied' },
  reopen: { reason: '问题没解决' },
  messages: { text: '补充说明一下' },
  'reveal-requests': { reason: '需要核实身份' },
};

/** Mine B's data as SQL sees it, to compare before and after. */
async function snapshotOf(t: TestApp, orgId: string): Promise<string> {
  const tables = [
    ['appeals', 'id, status, version, updated_at'],
    ['appeal_events', 'id'],
    ['monthly_reports', 'id, state, version'],
    ['report_items', 'id, summary, included'],
    ['report_exclusions', 'report_id, position, serial, reason'],
    ['places', 'id, name, archived_at'],
    ['departments', 'id, name, robot_key'],
    ['categories', 'id, name, answer_hours'],
    ['staff_roles', 'id, role'],
    ['outbox_messages', 'id, state'],
    ['organizations', 'id, name, slogan, settings'],
    ['reveal_requests', 'id, state'],
  ];
  const parts = [];
  for (const [table, columns] of tables) {
    const byReport = table === 'report_items' || table === 'report_exclusions';
    const where = byReport ? 'report_id IN (SELECT id FROM monthly_reports WHERE org_id = ?)' : table === 'organizations' ? 'id = ?' : 'org_id = ?';
    const order = table === 'report_exclusions' ? 'report_id, position' : 'id';
    parts.push(JSON.stringify(await t.db.query(`SELECT ${columns} FROM ${table} WHERE ${where} ORDER BY ${order}`, [orgId])));
  }
  return parts.join('\n');
}

describe.each(enginesUnderTest())('isolation between organisations on %s', (engine) => {
  const ctx = useTestApp(engine);

  it(
    'gives nobody of mine A anything of mine B, on every route',
    async () => {
      const { t, org: a } = ctx;
      // Mine B: an open appeal, a replied one in a published report, a staff member, an outbox row.
      const b = await t.createOrg();
      const [{ id: bOrgId }] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [b.code]);
      const bWorkerOpenid = uniqueName('bworker');
      const bWorker = await t.login(bWorkerOpenid);
      const bName = `乙矿${randomUUID().slice(0, 6)}`;
      await t.http().patch('/api/me').set(auth(bWorker)).send({ name: bName });
      const bOffice = await t.login(b.staff.coordinator);
      const bLogistics = await t.login(b.staff.logistics);
      t.setNow(sh('2026-09-10T09:00'));
      const marker = `乙矿机密${randomUUID().slice(0, 8)}`;
      const open = (await submitAppeal(t, bWorker, validAppeal(b.code, { content: `${marker}:宿舍暖气不热` }))).body;
      const done = (await submitAppeal(t, bWorker, validAppeal(b.code, { content: `${marker}:食堂饭菜太咸` }))).body;
      for (const [token, action, body] of [
        [bOffice, 'accept', {}],
        [bOffice, 'dispatch', { department: 'logistics', instructions: '请处理' }],
        [bLogistics, 'acknowledge', {}],
        [bLogistics, 'respond', { outcome: 'resolved', text: '已调淡' }],
        [bOffice, 'reply', { text: '已调淡', publicSummary: `${marker}食堂调整口味` }],
      ] as const)
        expect((await act(t, token, done.id, action, body)).status).toBe(200);
      // One 核减 entry in mine B's report (staff only, a row of its own).
      const rejected = (await submitAppeal(t, bWorker, validAppeal(b.code, { content: `${marker}:小区停车位不够` }))).body;
      expect((await act(t, bOffice, rejected.id, 'reject', { reason: '不属于受理范围' })).status).toBe(200);
      t.setNow(sh('2026-10-02T09:00'));
      const report = (await t.http().post('/api/reports/2026-09/draft').set(auth(bOffice))).body;
      expect(report.exclusions.map((e: { serial: string }) => e.serial)).toEqual([rejected.serial]);
      await t.http().post('/api/reports/2026-09/publish').set(auth(bOffice)).send({});
      t.setNow(null);
      const [bStaff] = await t.db.query("SELECT user_id AS userId FROM staff_roles WHERE org_id = ? AND role = 'handler'", [bOrgId]);
      const markers = [b.code, b.code.toUpperCase(), open.id, open.serial, done.id, done.serial, rejected.serial, marker, bName, bWorkerOpenid];
      const params: Record<string, string> = {
        id: open.id,
        org: b.code,
        month: '2026-09',
        item: report.items[0].id,
        user: bStaff.userId ?? bStaff.userid,
        role: 'handler',
        code: 'dorm2',
        file: 'dorm2.png',
        place: 'dorm2',
      };
      const before = await snapshotOf(t, bOrgId);

      // Public routes are public on purpose (a published report is for everyone); the simulator's
      // records exist only in tests and the demo.
      const routes = routeList(t.app).filter((r) => !r.public);
      expect(routes.length).toBeGreaterThan(40);
      const people: Record<string, string> = {
        worker: await t.login(uniqueName('aworker')),
        coordinator: await t.login(a.staff.coordinator),
        leader: await t.login(a.staff.leader),
        secretary: await t.login(a.staff.secretary),
        handler: await t.login(a.staff.logistics),
        admin: await t.login(a.staff.admin),
      };
      const leaks: string[] = [];
      for (const route of routes) {
        const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? name));
        const action = /\/api\/appeals\/:id\/([\w-]+)$/.exec(route.path)?.[1];
        const body = action ? (ACTION_BODIES[action] ?? {}) : {};
        for (const [who, token] of Object.entries(people)) {
          const response = await request(t, route, path, token, body);
          const text =
            typeof response.text === 'string' && response.text
              ? response.text
              : Buffer.isBuffer(response.body)
                ? response.body.toString('latin1')
                : JSON.stringify(response.body ?? '');
          const where = `${who} ${route.method} ${route.path} → ${response.status}`;
          if (response.status >= 500) leaks.push(`${where}: server error`);
          // B's appeal by id: exactly what a missing id gets.
          if (route.path.includes('/appeals/:id') && response.status !== 404) leaks.push(`${where}: not 404`);
          if (response.status < 300) for (const m of markers) if (text.includes(m)) leaks.push(`${where}: shows ${m}`);
        }
      }
      expect(leaks).toEqual([]);
      expect(await snapshotOf(t, bOrgId)).toBe(before);
    },
    timeBudget(declaredRouteCount() * 6, 200),
  ); // every route, by each of the six people of mine A
});

function request(t: TestApp, route: RouteInfo, path: string, token: string, body: object) {
  const call = t.http()[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path).set(auth(token));
  return route.method === 'GET' || route.method === 'DELETE' ? call : call.send(body);
}
