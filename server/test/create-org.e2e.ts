// A fresh production database, set up as the README's production section says: migrations, then
// `npm run create-org`, then the first administrator binds with the code it printed, issues the
// office's code, and a worker's first appeal reaches the office, who accepts it — all over HTTP on an
// empty migrated database (no demo). The built command itself is run on a SQLite file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { monthOf, type AppealView } from '@minqing/shared';
import { createOrganization } from '../src/cli/create-org.js';
import { REPO_ROOT } from '../src/config/app-config.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { startTestApp, uniqueName, type TestApp } from './support/test-app.js';
import { SETUP_MS } from './support/time-budget.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const run = promisify(execFile);

describe.each(enginesUnderTest())('a new organisation on an empty %s database', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  }, SETUP_MS);
  afterAll(() => t?.close());

  it('takes its first appeal: create-org, the administrator binds, the office binds, a worker submits, the office accepts', async () => {
    expect(await t.db.query('SELECT code FROM organizations')).toEqual([]);
    const { org, bindCode } = await createOrganization(t.db, { code: 'xq', name: '西曲矿' });
    expect(bindCode?.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);

    const admin = await t.login(uniqueName('xq_admin'));
    const bound = await t.http().post('/api/me/bind').set(auth(admin)).send({ code: bindCode!.code });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ roles: ['worker', 'admin'], org: 'xq' });
    // Single use: the code printed on the console cannot make a second administrator.
    const again = await t
      .http()
      .post('/api/me/bind')
      .set(auth(await t.login(uniqueName('other'))))
      .send({ code: bindCode!.code });
    expect(again.body.code).toBe('BIND_CODE_INVALID');

    const setup = await t.http().get('/api/admin/org').set(auth(admin));
    expect(setup.status).toBe(200);
    expect(setup.body).toMatchObject({ name: '西曲矿', code: 'xq' });
    expect(setup.body.departments.map((d: { name: string }) => d.name).sort()).toEqual(['党群工作部', '后勤管理部', '劳资部'].sort());
    expect(setup.body.categories.map((c: { name: string; defaultDepartment: string }) => [c.name, c.defaultDepartment])).toEqual([
      ['衣食住行', 'logistics'],
      ['劳保福利', 'logistics'],
      ['权益维护', 'payroll'],
      ['困难救助', 'party'],
      ['意见建议', 'party'],
    ]);
    expect((await t.http().get('/api/admin/stickers/board.svg').set(auth(admin))).status).toBe(200);
    const audit = (await t.http().get('/api/admin/audit').set(auth(admin))).body as Array<{ action: string; summary: string }>;
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['org.create', 'bind_code.create', 'role.grant']));
    expect(audit.find((e) => e.action === 'org.create')?.summary).toBe('建立单位 西曲矿');

    const officeCode = await t.http().post('/api/admin/bind-codes').set(auth(admin)).send({ role: 'coordinator', department: 'party' });
    expect(officeCode.status).toBe(201);
    const office = await t.login(uniqueName('xq_office'));
    expect((await t.http().post('/api/me/bind').set(auth(office)).send({ code: officeCode.body.code })).body.roles).toEqual(['worker', 'coordinator']);

    const form = (await t.http().get('/api/public/orgs/xq')).body as { name: string; categories: Array<{ code: string }>; places: Array<{ code: string }> };
    expect(form.name).toBe('西曲矿');
    expect(form.places.map((p) => p.code)).toEqual(['board']);
    const worker = await t.login(uniqueName('w'));
    const submitted = await submitAppeal(t, worker, validAppeal('xq', { place: 'board' }));
    expect(submitted.status).toBe(201);
    expect((submitted.body as AppealView).serial).toMatch(/^XQ\d{6}-0001$/);

    const inbox = (await t.http().get('/api/appeals').set(auth(office))).body as { items: Array<{ id: string }> };
    expect(inbox.items.map((a) => a.id)).toEqual([submitted.body.id]);
    const accepted = await act(t, office, submitted.body.id, 'accept', {});
    expect([accepted.status, accepted.body.status]).toEqual([200, 'accepted']);
    expect(org.timeZone).toBe('Asia/Shanghai');
  });

  it('refuses a code taken, an unknown group, and gives a named administrator the role at once', async () => {
    await expect(createOrganization(t.db, { code: 'xq', name: '又一个西曲' })).rejects.toThrow(/exists already/);
    await expect(createOrganization(t.db, { code: '西曲', name: '西曲矿' })).rejects.toThrow(/--code/);
    await expect(createOrganization(t.db, { code: 'ts', name: '屯兰矿', group: 'nowhere' })).rejects.toThrow(/no group/);

    const openid = uniqueName('tl_admin');
    const { bindCode } = await createOrganization(t.db, { code: 'tl', name: '屯兰矿', adminOpenid: openid });
    expect(bindCode).toBeNull();
    const login = await t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${openid}` });
    expect(login.body.user).toMatchObject({ roles: ['worker', 'admin'], org: 'tl' });
    // The person already administers 屯兰矿: one organisation per account.
    await expect(createOrganization(t.db, { code: 'ml', name: '马兰矿', adminOpenid: openid })).rejects.toThrow(/another organisation/);
    expect(await t.db.query("SELECT code FROM organizations WHERE code = 'ml'")).toEqual([]);
  });

  it('makes a group over its mines with its group administrator, who sees their rankings', async () => {
    const openid = uniqueName('jd_group');
    await expect(createOrganization(t.db, { kind: 'group', code: 'jd', name: '山西金地煤焦', mines: ['xq', 'nowhere'], adminOpenid: openid })).rejects.toThrow(/"nowhere"/);
    await createOrganization(t.db, { kind: 'group', code: 'jd', name: '山西金地煤焦', mines: ['xq', 'tl'], adminOpenid: openid });
    const token = await t.login(openid);
    const rankings = await t
      .http()
      .get(`/api/group/rankings/${monthOf(new Date())}`)
      .set(auth(token));
    expect(rankings.status).toBe(200);
    expect(JSON.stringify(rankings.body)).toContain('西曲矿');
    expect(JSON.stringify(rankings.body)).toContain('屯兰矿');
    // A later mine joins the group by its code.
    await createOrganization(t.db, { code: 'ml', name: '马兰矿', group: 'jd' });
    expect(
      JSON.stringify(
        (
          await t
            .http()
            .get(`/api/group/rankings/${monthOf(new Date())}`)
            .set(auth(token))
        ).body,
      ),
    ).toContain('马兰矿');
  });
});

describe('the built create-org command on a SQLite file', () => {
  it('creates the mine on a migrated file and prints the bind code; a second run refuses the code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-create-org-'));
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${path.join(dir, 'minqing.db')}` };
    const node = (script: string, args: string[] = []) => run(process.execPath, [path.join(REPO_ROOT, 'server/dist/cli', script), ...args], { env });
    try {
      expect((await node('migrate.js')).stdout).toContain('applied:');
      const { stdout } = await node('create-org.js', ['--code', 'xq', '--name', '西曲矿']);
      expect(stdout).toContain('created mine xq (西曲矿)');
      expect(stdout).toMatch(/administrator's bind code: [A-HJ-NP-Z2-9]{8} /);
      const second = await node('create-org.js', ['--code', 'xq', '--name', '西曲矿']).catch((error: { code: number; stderr: string }) => error);
      expect(second).toMatchObject({ code: 1, stderr: expect.stringContaining('exists already') });
      const usage = await node('create-org.js', []).catch((error: { code: number; stderr: string }) => error);
      expect(usage).toMatchObject({ code: 64, stderr: expect.stringContaining('usage:') });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
