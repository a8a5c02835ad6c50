// 常用回复 as the office keeps them and the staff use them: per category or for every category, kept by
// the office and the administrator, read by the leaders and the departments of the same mine only,
// every change in the audit log; bad input answered in Chinese, field by field.
import type { AuditEntryView, CannedReplyView } from '@minqing/shared';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each(enginesUnderTest())('canned replies on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('the office adds one per category and one for all; a department reads those of its category; the office edits and deletes', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const add = (body: object, token = office) => t.http().post('/api/canned-replies').set(auth(token)).send(body);

    const living = await add({ category: 'living', text: '  您反映的问题已转后勤管理部,三天内给您答复。 ' });
    expect(living.status).toBe(201);
    expect(living.body).toEqual({ id: expect.any(String), category: { code: 'living', name: '衣食住行' }, text: '您反映的问题已转后勤管理部,三天内给您答复。' });
    const all = await add({ category: null, text: '感谢您的反映,我们会跟踪到底。' });
    expect(all.status).toBe(201);
    const rights = await add({ category: 'rights', text: '工资问题已请劳资部核对,核对后当面向您解释。' });
    expect(rights.status).toBe(201);

    const handler = await t.login(org.staff.logistics);
    const forLiving = await t.http().get('/api/canned-replies?category=living').set(auth(handler));
    expect(forLiving.status).toBe(200);
    expect((forLiving.body as CannedReplyView[]).map((r) => r.text)).toEqual(['您反映的问题已转后勤管理部,三天内给您答复。', '感谢您的反映,我们会跟踪到底。']);
    const leader = await t.login(org.staff.leader);
    expect(((await t.http().get('/api/canned-replies').set(auth(leader))).body as CannedReplyView[]).length).toBe(3);

    // A department may read, never keep.
    expect((await add({ category: null, text: '部门自己加的' }, handler)).status).toBe(403);
    expect((await t.http().patch(`/api/canned-replies/${living.body.id}`).set(auth(handler)).send({ text: '改' })).status).toBe(403);

    const edited = await t.http().patch(`/api/canned-replies/${living.body.id}`).set(auth(office)).send({ text: '已转后勤管理部,两天内答复您。', category: 'welfare' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ category: { code: 'welfare', name: '劳保福利' }, text: '已转后勤管理部,两天内答复您。' });
    expect(((await t.http().get('/api/canned-replies?category=living').set(auth(handler))).body as CannedReplyView[]).map((r) => r.id)).toEqual([all.body.id]);

    const admin = await t.login(org.staff.admin);
    const removed = await t.http().delete(`/api/canned-replies/${rights.body.id}`).set(auth(admin));
    expect(removed.status).toBe(200);
    expect((removed.body as CannedReplyView[]).map((r) => r.id)).toEqual([living.body.id, all.body.id]);
    expect((await t.http().delete(`/api/canned-replies/${rights.body.id}`).set(auth(admin))).body.code).toBe('CANNED_REPLY_NOT_FOUND');

    const audit = (await t.http().get('/api/admin/audit').set(auth(admin))).body as AuditEntryView[];
    expect(audit.slice(0, 5).map((e) => e.summary)).toEqual(['删除常用回复', '修改常用回复', '添加常用回复', '添加常用回复', '添加常用回复']);
    expect(audit[1]).toMatchObject({ before: { category: 'living' }, after: { category: 'welfare', text: '已转后勤管理部,两天内答复您。' } });
  });

  it('keeps each mine to its own and answers bad input field by field in Chinese', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const mine = await t.http().post('/api/canned-replies').set(auth(office)).send({ category: null, text: '本矿的常用回复' });
    const other = await t.createOrg();
    const otherOffice = await t.login(other.staff.coordinator);
    const theirs = (await t.http().get('/api/canned-replies').set(auth(otherOffice))).body as CannedReplyView[];
    expect(theirs.map((r) => r.text)).not.toContain('本矿的常用回复');
    expect((await t.http().patch(`/api/canned-replies/${mine.body.id}`).set(auth(otherOffice)).send({ text: '改别人的' })).status).toBe(404);
    expect((await t.http().delete(`/api/canned-replies/${mine.body.id}`).set(auth(otherOffice))).status).toBe(404);

    const bad = await t.http().post('/api/canned-replies').set(auth(office)).send({ category: 'living', text: '   ', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string; code: string; message: string }) => [f.field, f.code, f.message])).toEqual(
      expect.arrayContaining([
        ['text', 'CANNED_REPLY_TEXT_REQUIRED', '请写下常用回复的内容'],
        ['extra', 'BODY_FIELD_UNKNOWN', expect.any(String)],
      ]),
    );
    const long = await t
      .http()
      .post('/api/canned-replies')
      .set(auth(office))
      .send({ category: null, text: '长'.repeat(501) });
    expect([long.status, long.body.details.fields[0].code]).toEqual([400, 'CANNED_REPLY_TEXT_TOO_LONG']);
    const unknown = await t.http().post('/api/canned-replies').set(auth(office)).send({ category: 'castle', text: '没有这个类别' });
    expect([unknown.status, unknown.body.code, unknown.body.message]).toEqual([422, 'CATEGORY_UNKNOWN', '请选择诉求类别']);

    const worker = await t.login(uniqueName('w'));
    expect((await t.http().get('/api/canned-replies').set(auth(worker))).status).toBe(403);
  });
});
