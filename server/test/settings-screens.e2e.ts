// What the administrator's settings screens read and save: the relief budget with what this month has
// committed of it, the approver chosen from the mine's staff, the per-transfer window; and which office
// clerks get the to-do message of new appeals — a clerk turned off gets no digest (the robot still does).
import type { NotificationSettingsView, ReliefSettingsStateView } from '@minqing/shared';
import { DIGEST_WINDOW_MS } from '../src/notifications/new-appeal-digest.js';
import { submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each(enginesUnderTest())('the settings screens on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t.setNow(null));

  it('reads the relief settings with the approver by name and the transfer window, and saves a budget and an approver', async () => {
    const { t, org } = ctx;
    const admin = await t.login(org.staff.admin);
    const read = async () => (await t.http().get('/api/admin/relief-settings').set(auth(admin))).body as ReliefSettingsStateView;
    const empty = await read();
    expect(empty).toMatchObject({ monthlyBudgetFen: null, committedFen: 0, approver: null, transferMinFen: t.config.transfer.minFen, transferMaxFen: t.config.transfer.maxFen });
    expect(empty.month).toMatch(/^\d{4}-\d{2}$/);
    expect(empty.candidates.map((c) => c.name).sort()).toEqual(['劳资员', '后勤部长', '张毅', '李副矿长', '王艳丽'].sort());

    const saved = await t.http().put('/api/admin/relief-settings').set(auth(admin)).send({ monthlyBudgetFen: 500_000, approver: org.staff.secretary });
    expect(saved.status).toBe(200);
    expect(await read()).toMatchObject({ monthlyBudgetFen: 500_000, approver: { openid: org.staff.secretary, name: '张毅' } });
    const bad = await t
      .http()
      .put('/api/admin/relief-settings')
      .set(auth(admin))
      .send({ approver: uniqueName('nobody') });
    expect([bad.status, bad.body.code, bad.body.message]).toEqual([400, 'RELIEF_SETTINGS_INVALID', '救助金设置有误:预算以分为单位的整数,审批人须是本单位的人']);
    expect(
      (
        await t
          .http()
          .get('/api/admin/relief-settings')
          .set(auth(await t.login(org.staff.coordinator)))
      ).status,
    ).toBe(403);
  });

  it("turns a clerk's to-do message of new appeals off: the digest goes to the robot only, and the audit names the clerk", async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const admin = await t.login(org.staff.admin);
    const view = async () => (await t.http().get('/api/admin/notification-settings').set(auth(admin))).body as NotificationSettingsView;
    expect((await view()).office).toEqual([{ openid: org.staff.coordinator, name: '王艳丽', newAppeals: true }]);

    const off = await t
      .http()
      .put('/api/admin/notification-settings')
      .set(auth(admin))
      .send({ newAppeals: { [org.staff.coordinator]: false } });
    expect(off.status).toBe(200);
    expect((off.body as NotificationSettingsView).office[0].newAppeals).toBe(false);
    expect((await view()).robot).toBe(true);
    const [entry] = (await t.http().get('/api/admin/audit').set(auth(admin))).body as Array<{ action: string; after: unknown; before: unknown }>;
    expect(entry).toMatchObject({ action: 'notifications.update', after: { newAppeals: { 王艳丽: '不接收' } } });
    expect(JSON.stringify(entry)).not.toContain(org.staff.coordinator);

    const strange = await t
      .http()
      .put('/api/admin/notification-settings')
      .set(auth(admin))
      .send({ newAppeals: { [org.staff.leader]: true } });
    expect([strange.status, strange.body.code]).toEqual([400, 'NOTIFICATION_SETTINGS_INVALID']);

    t.setNow(new Date((Math.floor(Date.now() / DIGEST_WINDOW_MS) + 40) * DIGEST_WINDOW_MS));
    expect((await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(org.code))).status).toBe(201);
    const [{ id }] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [org.code]);
    const rows: Array<{ channel: string }> = await t.db.query("SELECT channel FROM outbox_messages WHERE org_id = ? AND dedupe_key LIKE 'digest:%'", [id]);
    expect(rows.map((r) => r.channel)).toEqual(['robot']);

    const on = await t
      .http()
      .put('/api/admin/notification-settings')
      .set(auth(admin))
      .send({ newAppeals: { [org.staff.coordinator]: true } });
    expect((on.body as NotificationSettingsView).office[0].newAppeals).toBe(true);
  });
});
