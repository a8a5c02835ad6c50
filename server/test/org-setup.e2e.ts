// An administrator sets the mine up: places, departments, categories, the organisation itself, and
// staff roles — each change in the audit log with who, when, before and after; bad input answered
// field by field; a removed role stops working on the very next request.
import type { AuditEntryView, OrgSetupView } from '@minqing/shared';
import { submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each(enginesUnderTest())('organisation setup on %s', (engine) => {
  const ctx = useTestApp(engine);

  async function admin() {
    return ctx.t.login(ctx.org.staff.admin);
  }

  async function lastAudit(token: string): Promise<AuditEntryView> {
    return ((await ctx.t.http().get('/api/admin/audit').set(auth(token))).body as AuditEntryView[])[0];
  }

  it('adds a place to the form and the stickers, refuses a taken or over-long code, and takes it down again', async () => {
    const { t, org } = ctx;
    const token = await admin();
    const created = await t.http().post('/api/admin/places').set(auth(token)).send({ code: 'dorm3', name: '3号宿舍楼', kind: 'dormitory' });
    expect(created.status).toBe(201);
    expect((created.body as OrgSetupView).places.find((p) => p.code === 'dorm3')).toEqual({ code: 'dorm3', name: '3号宿舍楼', kind: 'dormitory', scanCount: 0, archived: false });
    expect((await t.http().get(`/api/public/orgs/${org.code}`)).body.places.map((p: { code: string }) => p.code)).toContain('dorm3');
    expect((await t.http().get('/api/admin/stickers/dorm3.svg').set(auth(token))).status).toBe(200);
    expect(await lastAudit(token)).toMatchObject({
      action: 'place.create',
      key: 'dorm3',
      before: null,
      after: { code: 'dorm3', name: '3号宿舍楼', kind: 'dormitory' },
      actor: expect.any(String),
    });

    const taken = await t.http().post('/api/admin/places').set(auth(token)).send({ code: 'dorm3', name: '又一个', kind: 'dormitory' });
    expect([taken.status, taken.body.code]).toEqual([409, 'SETUP_CODE_TAKEN']);
    const bad = await t.http().post('/api/admin/places').set(auth(token)).send({ code: '三号楼', name: '', kind: 'castle', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual(
      expect.arrayContaining([
        ['code', 'SETUP_CODE_INVALID'],
        ['name', 'SETUP_NAME_INVALID'],
        ['kind', 'SETUP_KIND_INVALID'],
        ['extra', 'BODY_FIELD_UNKNOWN'],
      ]),
    );
    const long = await t.http().post('/api/admin/places').set(auth(token)).send({ code: 'a-very-long-place-code-x', name: '长', kind: 'other' });
    expect(long.body.code).toBe('PLACE_CODE_TOO_LONG');

    const renamed = await t.http().patch('/api/admin/places/dorm3').set(auth(token)).send({ name: '三号宿舍楼' });
    expect(renamed.body.places.find((p: { code: string }) => p.code === 'dorm3').name).toBe('三号宿舍楼');
    expect(await lastAudit(token)).toMatchObject({ action: 'place.update', before: { name: '3号宿舍楼' }, after: { name: '三号宿舍楼' } });

    expect((await t.http().delete('/api/admin/places/dorm3').set(auth(token))).status).toBe(200);
    expect((await t.http().get(`/api/public/orgs/${org.code}`)).body.places.map((p: { code: string }) => p.code)).not.toContain('dorm3');
    const worker = await t.login(uniqueName('w'));
    expect((await submitAppeal(t, worker, validAppeal(org.code, { place: 'dorm3' }))).body.code).toBe('PLACE_UNKNOWN');
    expect((await t.http().get('/api/admin/stickers/dorm3.png').set(auth(token))).status).toBe(404);
    expect((await t.http().delete('/api/admin/places/nowhere').set(auth(token))).body.code).toBe('PLACE_UNKNOWN');
  });

  it('adds a department with its leader in charge and a category with its time and standing rule', async () => {
    const { t, org } = ctx;
    const token = await admin();
    const department = await t.http().post('/api/admin/departments').set(auth(token)).send({ code: 'ventilation', name: '通风区', leader: org.staff.leader });
    expect(department.status).toBe(201);
    expect(department.body.departments.find((d: { code: string }) => d.code === 'ventilation').leader.openid).toBe(org.staff.leader);
    const notLeader = await t.http().post('/api/admin/departments').set(auth(token)).send({ code: 'electric', name: '机电', leader: org.staff.logistics });
    expect([notLeader.status, notLeader.body.code]).toEqual([422, 'SETUP_LEADER_INVALID']);

    const category = await t
      .http()
      .post('/api/admin/categories')
      .set(auth(token))
      .send({ code: 'safety', name: '安全生产', answerHours: 48, defaultDepartment: 'ventilation', standingRule: true });
    expect(category.body.categories.find((c: { code: string }) => c.code === 'safety')).toEqual({
      code: 'safety',
      name: '安全生产',
      answerHours: 48,
      defaultDepartment: 'ventilation',
      standingRule: true,
    });
    expect((await t.http().get(`/api/public/orgs/${org.code}`)).body.categories.map((c: { code: string }) => c.code)).toContain('safety');
    expect((await t.http().post('/api/admin/categories').set(auth(token)).send({ code: 'x', name: '某类', answerHours: 0 })).body.details.fields[0].code).toBe(
      'SETUP_HOURS_INVALID',
    );
    const changed = await t.http().patch('/api/admin/categories/safety').set(auth(token)).send({ answerHours: 24, standingRule: false });
    expect(changed.body.categories.find((c: { code: string }) => c.code === 'safety')).toMatchObject({ answerHours: 24, standingRule: false });
    expect(await lastAudit(token)).toMatchObject({
      action: 'category.update',
      key: 'safety',
      before: { answerHours: 48, standingRule: true },
      after: { answerHours: 24, standingRule: false },
    });
  });

  it("changes the organisation's slogan and sticker QR, and logs the deadline policy too", async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const token = await t.login(org.staff.admin);
    const updated = await t.http().patch('/api/admin/org').set(auth(token)).send({ slogan: '矿山是咱家,有事儿就说话', stickerQr: 'wxacode' });
    expect(updated.body).toMatchObject({ slogan: '矿山是咱家,有事儿就说话', stickerQr: 'wxacode' });
    expect(await lastAudit(token)).toMatchObject({ action: 'org.update', before: { slogan: '赤峪是咱家,有事儿就说话' } });
    expect((await t.http().get(`/api/public/orgs/${org.code}`)).body.slogan).toBe('矿山是咱家,有事儿就说话');
    for (const bad of [{ timeZone: 'Mars/Base' }, { stickerQr: 'barcode' }, { slogan: '' }]) {
      expect((await t.http().patch('/api/admin/org').set(auth(token)).send(bad)).status).toBe(400);
    }
    await t
      .http()
      .put('/api/admin/deadline-policy')
      .set(auth(token))
      .send({ quietHours: { start: '23:00', end: '06:00' } });
    expect(await lastAudit(token)).toMatchObject({ action: 'deadline_policy.update', after: { quietHours: { start: '23:00', end: '06:00' } } });
  });

  it('takes a role away, and it stops working on the next request: the token is revoked', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const token = await t.login(org.staff.admin);
    const handler = await t.login(org.staff.payroll);
    expect((await t.http().get('/api/appeals').set(auth(handler))).status).toBe(200);
    const setup: OrgSetupView = (await t.http().get('/api/admin/org').set(auth(token))).body;
    const payroll = setup.staff.find((s) => s.role === 'handler' && s.department === 'payroll')!;
    // As wx.request sends it: content-type application/json on a DELETE without a body.
    const removed = await t.http().delete(`/api/admin/staff/${payroll.userId}/roles/handler`).set(auth(token)).set('content-type', 'application/json');
    expect(removed.status).toBe(200);
    const revoked = await t.http().get('/api/appeals').set(auth(handler));
    expect([revoked.status, revoked.body.code]).toEqual([401, 'AUTH_TOKEN_INVALID']);
    // Logged in again, the person is a worker only.
    expect(
      (
        await t
          .http()
          .get('/api/appeals')
          .set(auth(await t.login(org.staff.payroll)))
      ).status,
    ).toBe(403);
    expect((await t.http().delete(`/api/admin/staff/${payroll.userId}/roles/handler`).set(auth(token))).body.code).toBe('ROLE_NOT_HELD');
    expect(await lastAudit(token)).toMatchObject({
      action: 'role.remove',
      key: payroll.userId,
      before: { role: 'handler' },
      summary: expect.stringMatching(/^取消身份 .+\(部门\)$/),
    });

    // Moving to another mine: refused while a role is held at the old one; after its removal, bound.
    const other = await t.createOrg();
    const issue = async () =>
      (
        await t
          .http()
          .post('/api/admin/bind-codes')
          .set(auth(await t.login(other.staff.admin)))
          .send({ role: 'handler', department: 'logistics' })
      ).body.code;
    const stillStaff = await t.login(org.staff.logistics);
    const refused = await t
      .http()
      .post('/api/me/bind')
      .set(auth(stillStaff))
      .send({ code: await issue() });
    expect([refused.status, refused.body.code]).toEqual([409, 'ROLE_IN_OTHER_ORG']);
    const moved = await t
      .http()
      .post('/api/me/bind')
      .set(auth(await t.login(org.staff.payroll)))
      .send({ code: await issue() });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ org: other.code, roles: expect.arrayContaining(['handler']) });
    for (const path of ['/api/admin/org', '/api/admin/audit'])
      expect(
        (
          await t
            .http()
            .get(path)
            .set(auth(await t.login(org.staff.coordinator)))
        ).status,
      ).toBe(403);
  });
});
