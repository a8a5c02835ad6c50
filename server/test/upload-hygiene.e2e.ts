// Photos as an abuser, a full disk and a role removal would meet them: a quota of photos no appeal
// carries (counted under the owner's lock, so exact in parallel), a job that removes what no appeal
// took within a day and half-written files, a full disk answered 503 with nothing left behind and
// reported by /api/health, and photo URLs that work for five minutes, for their viewer only, while
// that viewer may still read the appeal.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { OrgSetupView } from '@minqing/shared';
import { UploadsRepository } from '../src/uploads/uploads.repository.js';
import { UploadsService } from '../src/uploads/uploads.service.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const PARALLEL = 20;

const smallPhoto = () =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: '#2e7d32' } })
    .jpeg()
    .toBuffer();
/** Noise does not compress: a PNG of about 480 KB. */
const noisyPng = () =>
  sharp({ create: { width: 400, height: 400, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png()
    .toBuffer();

const upload = (t: TestApp, token: string, bytes: Buffer, filename = 'IMG_0001.jpg') =>
  t
    .http()
    .post('/api/uploads')
    .set(auth(token))
    .attach('file', bytes, { filename, contentType: filename.endsWith('.png') ? 'image/png' : 'image/jpeg' });
const files = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n !== 'lost+found') : []);
const count = async (t: TestApp, sql: string, params: unknown[]) => Number((await t.db.query(sql, params))[0].n);

describe.each(enginesUnderTest())('photo quota and cleanup on %s', (engine) => {
  const ctx = useTestApp(engine, { UPLOAD_QUOTA_PHOTOS: '4', UPLOAD_QUOTA_MB: '1' });
  afterEach(() => ctx.t?.setNow(null));

  it('accepts exactly 4 photos no appeal carries from 20 parallel uploads, keeps no file of the refused, and frees the quota when an appeal takes them', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('flood'));
    const photo = await smallPhoto();
    const before = files(t.config.uploadDir).length;
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => upload(t, worker, photo)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(4);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(PARALLEL - 4);
    expect(refused[0].body).toEqual({ statusCode: 429, code: 'UPLOAD_QUOTA_EXCEEDED', message: '您今天传了太多还没提交的照片,请先提交诉求,或明天再传' });
    expect(files(t.config.uploadDir)).toHaveLength(before + 4);
    // An appeal takes three: three more may come.
    const ids = responses.filter((r) => r.status === 201).map((r) => r.body.id as string);
    expect((await submitAppeal(t, worker, validAppeal(org.code, { photos: ids.slice(0, 3) }))).status).toBe(201);
    const more = await Promise.all(Array.from({ length: 5 }, () => upload(t, worker, photo)));
    expect(more.map((r) => r.status).sort()).toEqual([201, 201, 201, 429, 429]);
  });

  it('refuses a photo past the day’s megabyte of photos no appeal carries', async () => {
    const { t } = ctx;
    const worker = await t.login(uniqueName('bytes'));
    const big = await noisyPng();
    expect((await upload(t, worker, big, 'a.png')).status).toBe(201);
    expect((await upload(t, worker, big, 'b.png')).status).toBe(201);
    const third = await upload(t, worker, big, 'c.png');
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('UPLOAD_QUOTA_EXCEEDED');
  });

  it('removes photos no appeal took after a day, row and file, and half-written files, keeping attached and recent ones', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('leaves'));
    const photo = await smallPhoto();
    const start = new Date();
    t.setNow(start);
    const [kept, abandoned] = [(await upload(t, worker, photo)).body.id as string, (await upload(t, worker, photo)).body.id as string];
    expect((await submitAppeal(t, worker, validAppeal(org.code, { photos: [kept] }))).status).toBe(201);
    t.setNow(new Date(start.getTime() + 23 * 3600_000));
    const recent = (await upload(t, worker, photo)).body.id as string;
    const part = path.join(t.config.uploadDir, 'crashed-in-the-middle.jpg.part');
    fs.writeFileSync(part, Buffer.alloc(1000));
    fs.utimesSync(part, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const writing = path.join(t.config.uploadDir, 'being-written-now.jpg.part');
    fs.writeFileSync(writing, Buffer.alloc(10));

    t.setNow(new Date(start.getTime() + 25 * 3600_000));
    const removed = await t.app.get(UploadsService).removeAbandoned();
    expect(removed.leftovers).toBe(1);
    expect(removed.photos).toBeGreaterThanOrEqual(1);
    const rows = async (id: string) => count(t, 'SELECT COUNT(*) AS n FROM uploads WHERE id = ?', [id]);
    expect([await rows(kept), await rows(abandoned), await rows(recent)]).toEqual([1, 0, 1]);
    const names = files(t.config.uploadDir);
    expect(names.some((n) => n.startsWith(kept))).toBe(true);
    expect(names.some((n) => n.startsWith(abandoned))).toBe(false);
    expect(names.some((n) => n.startsWith(recent))).toBe(true);
    expect(names).not.toContain('crashed-in-the-middle.jpg.part');
    expect(names).toContain('being-written-now.jpg.part');

    // A form left open past the cleanup: the photo is gone, and the submission says so.
    const late = await submitAppeal(t, worker, validAppeal(org.code, { photos: [abandoned] }));
    expect([late.status, late.body.code]).toEqual([422, 'APPEAL_PHOTO_UNKNOWN']);
    // Deleted between the submission's look-up and its attach: refused too, not an appeal without it.
    await expect(t.db.transaction((manager) => t.app.get(UploadsRepository).attach(manager, kept, [abandoned]))).rejects.toMatchObject({ code: 'APPEAL_PHOTO_UNKNOWN' });
  });
});

/** A 256 KB tmpfs, where a real write really fails with ENOSPC (mounting needs root, as CI's container has). */
function tinyDisk(): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
}
const disk = enginesUnderTest().length ? tinyDisk() : null;
if (!disk) console.warn('upload-hygiene: cannot mount a tmpfs here (not root?): the full-disk test is skipped');

(disk ? describe.each(enginesUnderTest()) : describe.skip.each(enginesUnderTest()))('a full disk on %s', (engine) => {
  const ctx = useTestApp(engine, { UPLOAD_DIR: path.join(disk ?? os.tmpdir(), engine), UPLOAD_MIN_FREE_MB: '0' });
  afterAll(() => {
    if (engine === enginesUnderTest().at(-1) && disk) {
      execFileSync('umount', [disk]);
      fs.rmSync(disk, { recursive: true, force: true });
    }
  });

  it('answers 503 with the retry message, leaves no .part, says so on /api/health, and recovers once there is room', async () => {
    const { t } = ctx;
    const dir = t.config.uploadDir;
    fs.mkdirSync(dir, { recursive: true });
    const worker = await t.login(uniqueName('full'));
    expect((await t.http().get('/api/health')).body.storage.up).toBe(true);

    const response = await upload(t, worker, await noisyPng(), 'noise.png');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ statusCode: 503, code: 'STORAGE_UNAVAILABLE', message: '服务器繁忙,照片暂时存不下,请稍后重试' });
    expect(files(dir)).toEqual([]);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM uploads', [])).toBe(0);
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { up: true }, storage: { up: false } });

    // A small photo fits: the disk is healthy again.
    expect((await upload(t, worker, await smallPhoto())).status).toBe(201);
    expect((await t.http().get('/api/health')).status).toBe(200);
    // Free space below the floor counts as failing too.
    t.config.uploadQuota.minFreeBytes = 1024 * 1024;
    expect((await t.http().get('/api/health')).body).toMatchObject({ status: 'degraded', storage: { up: false, freeBytes: expect.any(Number) } });
    t.config.uploadQuota.minFreeBytes = 0;
  });
});

describe.each(enginesUnderTest())('photo URLs on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t?.setNow(null));

  async function dispatchedAppealWithPhoto(t: TestApp, orgCode: string, office: string) {
    const worker = await t.login(uniqueName('w'));
    const photo = (await upload(t, worker, await smallPhoto())).body.id as string;
    const { body } = await submitAppeal(t, worker, validAppeal(orgCode, { photos: [photo] }));
    expect((await act(t, office, body.id, 'accept')).status).toBe(200);
    expect((await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' })).status).toBe(200);
    return { worker, appealId: body.id as string };
  }
  const photoUrl = async (t: TestApp, token: string, appealId: string) => (await t.http().get(`/api/appeals/${appealId}`).set(auth(token))).body.photos[0].url as string;

  it('work for five minutes, then not', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const { worker, appealId } = await dispatchedAppealWithPhoto(t, org.code, office);
    const now = new Date();
    t.setNow(now);
    const url = await photoUrl(t, worker, appealId);
    expect(Number(new URL(url, t.baseUrl).searchParams.get('exp'))).toBe(Math.floor(now.getTime() / 1000) + 300);
    t.setNow(new Date(now.getTime() + 4 * 60_000));
    expect((await t.http().get(url)).status).toBe(200);
    t.setNow(new Date(now.getTime() + 6 * 60_000));
    expect((await t.http().get(url)).status).toBe(404);
  });

  it('stop working for a handler whose role was removed', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const [admin, office, handler] = [await t.login(org.staff.admin), await t.login(org.staff.coordinator), await t.login(org.staff.logistics)];
    const { appealId } = await dispatchedAppealWithPhoto(t, org.code, office);
    const url = await photoUrl(t, handler, appealId);
    expect((await t.http().get(url)).status).toBe(200);
    const setup: OrgSetupView = (await t.http().get('/api/admin/org').set(auth(admin))).body;
    const logistics = setup.staff.find((s) => s.role === 'handler' && s.department === 'logistics')!;
    expect((await t.http().delete(`/api/admin/staff/${logistics.userId}/roles/handler`).set(auth(admin))).status).toBe(200);
    expect((await t.http().get(url)).status).toBe(404);
    // The office still may.
    expect((await t.http().get(await photoUrl(t, office, appealId))).status).toBe(200);
  });

  it('work for nobody but the viewer they were signed for', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const { worker, appealId } = await dispatchedAppealWithPhoto(t, org.code, office);
    const url = new URL(await photoUrl(t, worker, appealId), t.baseUrl);
    const officeUrl = new URL(await photoUrl(t, office, appealId), t.baseUrl);
    expect((await t.http().get(url.pathname + url.search)).status).toBe(200);
    const stripped = new URL(url);
    stripped.searchParams.delete('v');
    expect((await t.http().get(stripped.pathname + stripped.search)).status).toBe(404);
    const swapped = new URL(url);
    swapped.searchParams.set('v', officeUrl.searchParams.get('v')!);
    expect((await t.http().get(swapped.pathname + swapped.search)).status).toBe(404);
  });
});
