// Photos on timeline lines, through the API on both engines: a worker's 补充说明 may carry up to three photos, a
// department's answer (答复) and the office's reply (反馈) before/after photos of the fix. Each photo is the sender's own
// upload and goes with one line of one appeal only (20 parallel claims of one upload through two messages: one wins);
// the worker reads a department's answer photos on the office's reply to it, never those of an answer sent back; a
// photo is served only to those who may read its appeal; and the public pages carry none.
import sharp from 'sharp';
import type { AppealView, TimelineEventView } from '@minqing/shared';
import { signUploadUrl } from '../src/uploads/signed-url.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each(enginesUnderTest())('photos on 补充说明 and staff answers on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '100', APPEAL_LIMIT_PER_DAY: '100' });

  let colour = 0;
  /** A photo of its own (a new colour each time: the server keeps each as uploaded). */
  const upload = async (t: TestApp, token: string): Promise<string> => {
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: (colour += 37) % 256, g: 120, b: 200 } } })
      .jpeg()
      .toBuffer();
    const response = await t.http().post('/api/uploads').set(auth(token)).attach('file', bytes, { filename: 'photo.jpg', contentType: 'image/jpeg' });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const view = async (t: TestApp, token: string, id: string) => {
    const response = await t.http().get(`/api/appeals/${id}`).set(auth(token));
    expect(response.status).toBe(200);
    return response.body as AppealView;
  };
  const message = (t: TestApp, token: string, id: string, body: object) => t.http().post(`/api/appeals/${id}/messages`).set(auth(token)).send(body);
  /** What a photo's link answers (no bearer token: an <Image src> sends none). */
  const fetchStatus = async (t: TestApp, url: string) => (await t.http().get(url)).status;
  const userId = async (t: TestApp, openid: string) => ((await t.db.query('SELECT id FROM users WHERE openid = ?', [openid])) as Array<{ id: string }>)[0].id;
  const photosOf = (line: TimelineEventView | undefined) => (line?.photos ?? []).map((p) => p.id);
  const step = async (t: TestApp, token: string, id: string, action: string, body: object = {}) => {
    const response = await act(t, token, id, action, body);
    if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as AppealView;
  };

  it('takes a worker’s 补充说明 with photos (words optional), shown on its line to the worker and staff, never as the appeal’s own', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('msg_photos'));
    const office = await t.login(org.staff.coordinator);
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code));
    const photos = [await upload(t, worker), await upload(t, worker)];

    const sent = await message(t, worker, submitted.id, { text: '', photos });
    expect(sent.status).toBe(201);
    const line = (sent.body as AppealView).timeline.find((e) => e.type === 'message');
    expect(photosOf(line)).toEqual(photos);
    expect((sent.body as AppealView).photos).toEqual([]);

    const officeLine = (await view(t, office, submitted.id)).timeline.find((e) => e.id === line!.id);
    expect(photosOf(officeLine)).toEqual(photos);
    expect(await fetchStatus(t, officeLine!.photos![0].url)).toBe(200);
    expect(await fetchStatus(t, line!.photos![1].url)).toBe(200);

    // At most three; neither words, voice nor photos is nothing to send.
    const four = await message(t, worker, submitted.id, { text: '再补充', photos: ['a', 'b', 'c', 'd'] });
    expect([four.status, four.body.details.fields[0].code]).toEqual([400, 'APPEAL_PHOTOS_TOO_MANY']);
    expect((await message(t, worker, submitted.id, { text: ' ', photos: [] })).body.details.fields[0].code).toBe('MESSAGE_TEXT_REQUIRED');
    // A photo goes with one line only.
    const again = await message(t, worker, submitted.id, { text: '同一张', photos: [photos[0]] });
    expect([again.status, again.body.code, again.body.message]).toEqual([422, 'APPEAL_PHOTO_TAKEN', expect.stringContaining('照片')]);
    // Staff write their messages; their photos go with an answer.
    const officePhoto = await upload(t, office);
    expect((await message(t, office, submitted.id, { text: '请补充时间', photos: [officePhoto] })).status).toBe(400);
  });

  it('refuses another person’s upload or another mine’s, in the error envelope, and attaches nothing', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('msg_thief'));
    const other = await t.login(uniqueName('msg_victim'));
    const elsewhere = await t.createOrg();
    const otherMine = await t.login(elsewhere.staff.logistics);
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code));
    const own = await upload(t, worker);
    for (const foreign of [await upload(t, other), await upload(t, otherMine)]) {
      const refused = await message(t, worker, submitted.id, { text: '补充两张', photos: [own, foreign] });
      expect([refused.status, refused.body.code, refused.body.message]).toEqual([422, 'APPEAL_PHOTO_UNKNOWN', expect.stringContaining('照片')]);
    }
    // Refused as a whole: the worker's own photo is still free, and no line was written.
    const after = await view(t, worker, submitted.id);
    expect(after.timeline.filter((e) => e.type === 'message')).toEqual([]);
    expect((await message(t, worker, submitted.id, { text: '补充一张', photos: [own] })).status).toBe(201);
  });

  it('lets one of 20 parallel claims of one upload, through messages on two appeals, take it; the others hear it is taken', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('msg_race'));
    const [{ body: first }, { body: second }] = [await submitAppeal(t, worker, validAppeal(org.code)), await submitAppeal(t, worker, validAppeal(org.code))];
    const photo = await upload(t, worker);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => message(t, worker, i % 2 ? first.id : second.id, { text: `第 ${i + 1} 次补充`, photos: [photo] })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(422)]);
    expect(answers.filter((a) => a.status === 422).every((a) => a.body.code === 'APPEAL_PHOTO_TAKEN')).toBe(true);
    // One line of one appeal carries it; the losers wrote no line.
    const lines = [...(await view(t, worker, first.id)).timeline, ...(await view(t, worker, second.id)).timeline].filter((e) => e.type === 'message');
    expect(lines).toHaveLength(1);
    expect(photosOf(lines[0])).toEqual([photo]);
    const rows = (await t.db.query('SELECT appeal_id, event_id FROM uploads WHERE id = ?', [photo])) as Array<{ appeal_id: string; event_id: string }>;
    expect(rows).toEqual([{ appeal_id: expect.any(String), event_id: lines[0].id }]);
  });

  it('serves a confidential appeal’s 补充说明 photo only to those who may read the appeal', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('msg_confidential'));
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code, { category: 'rights', identity: 'confidential' }));
    await step(t, office, submitted.id, 'accept');
    // A 权益 appeal is dispatched by a leader.
    await step(t, await t.login(org.staff.leader), submitted.id, 'dispatch', { department: 'logistics', instructions: '请核实' });
    const photo = await upload(t, worker);
    const sent = await message(t, worker, submitted.id, { text: '工资条照片', photos: [photo] });
    expect(sent.status).toBe(201);

    const lineOf = async (token: string) => (await view(t, token, submitted.id)).timeline.find((e) => e.type === 'message');
    for (const token of [worker, office, logistics]) expect(await fetchStatus(t, (await lineOf(token))!.photos![0].url)).toBe(200);
    // Another department, and another worker, may not read the appeal: no link signed for them is served.
    for (const openid of [org.staff.payroll, uniqueName('msg_stranger')]) {
      const token = await t.login(openid);
      expect((await t.http().get(`/api/appeals/${submitted.id}`).set(auth(token))).status).toBe(404);
      expect(await fetchStatus(t, signUploadUrl(t.config.tokenSecret, photo, await userId(t, openid), new Date()))).toBe(404);
    }
  });

  it('carries a department’s after-photos to the worker on the office’s reply, never those of an answer sent back, and no public page shows any', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const worker = await t.login(uniqueName('answer_photos'));
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    t.setNow(new Date('2026-09-03T01:00:00Z'));
    try {
      const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code, { publishConsent: true }));
      const id = submitted.id;
      await step(t, office, id, 'accept');
      await step(t, office, id, 'dispatch', { department: 'logistics', instructions: '请修好淋浴' });
      await step(t, logistics, id, 'acknowledge');

      // Only the person who may answer attaches, and only their own uploads.
      const workerPhoto = await upload(t, worker);
      const stolen = await act(t, logistics, id, 'respond', { outcome: 'resolved', text: '已修好', photos: [workerPhoto] });
      expect([stolen.status, stolen.body.code]).toEqual([422, 'APPEAL_PHOTO_UNKNOWN']);
      const officePhoto = await upload(t, office);
      expect((await act(t, office, id, 'respond', { outcome: 'resolved', text: '已修好', photos: [officePhoto] })).status).toBe(403);

      const sentBack = await upload(t, logistics);
      await step(t, logistics, id, 'respond', { outcome: 'resolved', text: '已修好', photos: [sentBack] });
      // The worker does not read an answer before the office replies, nor its photos.
      expect((await view(t, worker, id)).timeline.flatMap((e) => e.photos ?? [])).toEqual([]);
      await step(t, office, id, 'return', { reason: '照片看不清是哪个淋浴' });
      const [before, after] = [await upload(t, logistics), await upload(t, logistics)];
      await step(t, logistics, id, 'respond', { outcome: 'resolved', text: '3号淋浴已换新喷头', photos: [before, after] });
      const replyPhoto = await upload(t, office);
      const replied = await step(t, office, id, 'reply', { text: '淋浴已修好,请您试用', publicSummary: '澡堂淋浴喷头更换', photos: [replyPhoto] });

      // Staff read each answer's photos on its own line.
      const staffLines = replied.timeline;
      expect(staffLines.filter((e) => e.type === 'responded').map(photosOf)).toEqual([[sentBack], [before, after]]);
      expect(photosOf(staffLines.find((e) => e.type === 'replied'))).toEqual([replyPhoto]);
      // The worker reads the reply with the answer's before/after photos and the office's own; the sent-back one never.
      const mine = await view(t, worker, id);
      expect(mine.timeline.filter((e) => e.photos).map((e) => [e.type, photosOf(e)])).toEqual([['replied', [before, after, replyPhoto]]]);
      for (const photo of mine.timeline.find((e) => e.type === 'replied')!.photos!) expect(await fetchStatus(t, photo.url)).toBe(200);
      expect(await fetchStatus(t, signUploadUrl(t.config.tokenSecret, sentBack, await userId(t, org.staff.logistics), new Date()))).toBe(200);

      // Published in the month's 公示: the public pages name no photo and link none.
      t.setNow(new Date('2026-10-02T01:00:00Z'));
      expect((await t.http().post('/api/reports/2026-09/draft').set(auth(office))).status).toBe(200);
      expect((await t.http().post('/api/reports/2026-09/publish').set(auth(office)).send({})).status).toBe(200);
      const pages = await Promise.all(
        [`/api/public/orgs/${org.code}/resolved`, `/api/public/orgs/${org.code}/reports/2026-09`, `/p/${org.code}/resolved`, `/p/${org.code}/reports/2026-09`].map((url) =>
          t.http().get(url),
        ),
      );
      const resolved = pages[0].body.items as Array<{ serial: string; summary: string }>;
      expect(resolved.map((i) => i.summary)).toContain('澡堂淋浴喷头更换');
      for (const page of pages) {
        expect(page.status).toBe(200);
        const text = page.text || JSON.stringify(page.body);
        for (const photo of [sentBack, before, after, replyPhoto]) expect(text).not.toContain(photo);
        expect(text).not.toContain('/api/uploads');
      }
    } finally {
      t.setNow(null);
    }
  });
});
