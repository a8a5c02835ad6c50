// Photos in an S3-compatible object store (STORAGE=s3), against a real S3 server on loopback that the
// test starts and stops itself: the bytes go to the bucket and never to the server's disk; a photo's
// URL stays the server's (for its viewer, five minutes, while they may read the appeal) and answers a
// redirect to the store's presigned URL, good for a minute; the quota and the hourly cleanup hold on
// the bucket; a store that is down is 503 STORAGE_UNAVAILABLE with no row left, and /api/health says so.
// With a store phones cannot reach, the server serves the bytes from it.
import fs from 'node:fs';
import sharp from 'sharp';
import { FILE_STORAGE, type FileStorage } from '../src/uploads/file-storage.js';
import { UploadsService } from '../src/uploads/uploads.service.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const QUOTA = 4;

/** A phone's photo: a JPEG whose EXIF names the camera. */
const photoWithExif = () =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: '#6a1b9a' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'MinqingTestCam', Model: 'ExifLeakCheck' } })
    .toBuffer();
const upload = (t: TestApp, token: string, bytes: Buffer) =>
  t.http().post('/api/uploads').set(auth(token)).attach('file', bytes, { filename: 'IMG_0001.jpg', contentType: 'image/jpeg' });
const count = async (t: TestApp, sql: string, params: unknown[]) => Number((await t.db.query(sql, params))[0].n);
/** What an <Image src> does with the photo URL, one hop at a time. */
const fetchOnce = (t: TestApp, url: string) => fetch(new URL(url, t.baseUrl), { redirect: 'manual' });

describe.each(enginesUnderTest())('photos in an S3-compatible store on %s', (engine) => {
  let s3: TestS3Server;
  // Filled before the app boots (this beforeAll runs before useTestApp's): the app is pointed at the store.
  const env: Record<string, string> = { UPLOAD_QUOTA_PHOTOS: String(QUOTA) };
  beforeAll(async () => {
    s3 = await startS3Server();
    Object.assign(env, s3.env);
  });
  const ctx = useTestApp(engine, env);
  afterAll(() => s3?.close());
  afterEach(() => ctx.t?.setNow(null));

  async function appealWithPhoto(t: TestApp, orgCode: string) {
    const worker = await t.login(uniqueName('w'));
    const uploaded = await upload(t, worker, await photoWithExif());
    expect(uploaded.status).toBe(201);
    const appeal = await submitAppeal(t, worker, validAppeal(orgCode, { photos: [uploaded.body.id] }));
    expect(appeal.status).toBe(201);
    return { worker, photoId: uploaded.body.id as string, appealId: appeal.body.id as string };
  }
  const photoUrl = async (t: TestApp, token: string, appealId: string) => (await t.http().get(`/api/appeals/${appealId}`).set(auth(token))).body.photos[0].url as string;

  it('stores the photo in the bucket, not on the disk, and redirects its viewer to the store’s presigned URL, which serves it without EXIF', async () => {
    const { t, org } = ctx;
    const { worker, photoId, appealId } = await appealWithPhoto(t, org.code);
    expect(s3.keys()).toContain(`${photoId}.jpg`);
    expect(fs.existsSync(t.config.uploadDir) ? fs.readdirSync(t.config.uploadDir) : []).toEqual([]);

    const url = await photoUrl(t, worker, appealId);
    expect(url.startsWith(`/api/uploads/${photoId}?`)).toBe(true);
    const redirect = await fetchOnce(t, url);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    const location = new URL(redirect.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${s3.endpoint}/photos/${photoId}.jpg`);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('60');

    const served = await fetch(location);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect([metadata.width, metadata.height, metadata.exif]).toEqual([320, 240, undefined]);
    expect(bytes.includes(Buffer.from('MinqingTestCam'))).toBe(false);
  });

  it('keeps the server’s rules: another viewer, an expired URL or a removed role get 404 and no store URL; the store’s URL dies after a minute and cannot be altered', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const [office, handler] = [await t.login(org.staff.coordinator), await t.login(org.staff.logistics)];
    const { worker, appealId } = await appealWithPhoto(t, org.code);
    expect((await act(t, office, appealId, 'accept')).status).toBe(200);
    expect((await act(t, office, appealId, 'dispatch', { department: 'logistics', instructions: '请处理' })).status).toBe(200);

    const now = new Date();
    t.setNow(now);
    const workers = new URL(await photoUrl(t, worker, appealId), t.baseUrl);
    const swapped = new URL(workers);
    swapped.searchParams.set('v', new URL(await photoUrl(t, office, appealId), t.baseUrl).searchParams.get('v')!);
    const refused = await fetchOnce(t, swapped.href);
    expect([refused.status, refused.headers.get('location')]).toEqual([404, null]);
    t.setNow(new Date(now.getTime() + 6 * 60_000));
    expect((await fetchOnce(t, workers.href)).status).toBe(404);

    // The store checks its own signature and expiry: signed two minutes ago for one minute, it is refused.
    t.setNow(new Date(Date.now() - 2 * 60_000));
    const stale = (await fetchOnce(t, workers.href)).headers.get('location')!;
    t.setNow(null);
    expect((await fetch(stale)).status).toBe(403);
    const fresh = (await fetchOnce(t, workers.href)).headers.get('location')!;
    expect((await fetch(fresh)).status).toBe(200);
    expect((await fetch(fresh.replace(/X-Amz-Signature=[0-9a-f]{8}/, 'X-Amz-Signature=00000000'))).status).toBe(403);
    expect((await fetch(fresh.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'))).status).toBe(403);

    // The handler's role ends: their URL redirects no more.
    const handlers = await photoUrl(t, handler, appealId);
    expect((await fetchOnce(t, handlers)).status).toBe(302);
    const admin = await t.login(org.staff.admin);
    const setup = (await t.http().get('/api/admin/org').set(auth(admin))).body as { staff: Array<{ role: string; department?: string; userId: string }> };
    const logistics = setup.staff.find((s) => s.role === 'handler' && s.department === 'logistics')!;
    expect((await t.http().delete(`/api/admin/staff/${logistics.userId}/roles/handler`).set(auth(admin))).status).toBe(200);
    expect((await fetchOnce(t, handlers)).status).toBe(404);
  });

  it(`accepts exactly ${QUOTA} photos from 20 parallel uploads and keeps no object of the refused`, async () => {
    const { t } = ctx;
    const worker = await t.login(uniqueName('flood'));
    const photo = await photoWithExif();
    const before = s3.keys().length;
    const responses = await Promise.all(Array.from({ length: 20 }, () => upload(t, worker, photo)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(QUOTA);
    expect(responses.filter((r) => r.status === 429 && r.body.code === 'UPLOAD_QUOTA_EXCEEDED')).toHaveLength(20 - QUOTA);
    expect(s3.keys().length).toBe(before + QUOTA);
  });

  it('removes from the bucket the photos no appeal took within a day, keeping attached ones', async () => {
    const { t, org } = ctx;
    const start = new Date();
    t.setNow(start);
    const { photoId: kept } = await appealWithPhoto(t, org.code);
    const abandoned = (await upload(t, await t.login(uniqueName('leaves')), await photoWithExif())).body.id as string;
    expect(s3.keys()).toEqual(expect.arrayContaining([`${kept}.jpg`, `${abandoned}.jpg`]));
    t.setNow(new Date(start.getTime() + 25 * 3600_000));
    const removed = await t.app.get(UploadsService).removeAbandoned();
    expect(removed).toEqual({ photos: expect.any(Number), leftovers: 0 });
    expect(removed.photos).toBeGreaterThanOrEqual(1);
    expect(s3.keys()).toContain(`${kept}.jpg`);
    expect(s3.keys()).not.toContain(`${abandoned}.jpg`);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM uploads WHERE id = ?', [abandoned])).toBe(0);
  });

  it('answers 503 STORAGE_UNAVAILABLE while the store is down, leaves no row, says so on /api/health, and recovers when it is back', async () => {
    const { t } = ctx;
    const openid = uniqueName('outage');
    const worker = await t.login(openid);
    const rows = () => count(t, 'SELECT COUNT(*) AS n FROM uploads u JOIN users w ON w.id = u.owner_id WHERE w.openid = ?', [openid]);
    const health = await t.http().get('/api/health');
    expect([health.status, health.body.storage]).toEqual([200, { up: true, freeBytes: null }]);

    await s3.stop();
    try {
      const refused = await upload(t, worker, await photoWithExif());
      expect(refused.body).toEqual({ statusCode: 503, code: 'STORAGE_UNAVAILABLE', message: '服务器繁忙,照片暂时存不下,请稍后重试' });
      expect(await rows()).toBe(0);
      const down = await t.http().get('/api/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'degraded', database: { up: true }, storage: { up: false, freeBytes: null } });
    } finally {
      await s3.start();
    }
    expect((await t.http().get('/api/health')).status).toBe(200);
    expect((await upload(t, worker, await photoWithExif())).status).toBe(201);
    expect(await rows()).toBe(1);
  });
});

describe.each(enginesUnderTest())('photos in a store phones cannot reach (S3_PUBLIC_ENDPOINT=none) on %s', (engine) => {
  let s3: TestS3Server;
  const env: Record<string, string> = { S3_PUBLIC_ENDPOINT: 'none' };
  beforeAll(async () => {
    s3 = await startS3Server();
    Object.assign(env, { ...s3.env, S3_PUBLIC_ENDPOINT: 'none' });
  });
  const ctx = useTestApp(engine, env);
  afterAll(() => s3?.close());

  it('serves the bytes itself, says 404 for an object gone from the store and 503 while the store is down, never 500', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('w'));
    const ids = [(await upload(t, worker, await photoWithExif())).body.id as string, (await upload(t, worker, await photoWithExif())).body.id as string];
    const appeal = await submitAppeal(t, worker, validAppeal(org.code, { photos: ids }));
    expect(appeal.status).toBe(201);
    const [kept, lost] = (await t.http().get(`/api/appeals/${appeal.body.id}`).set(auth(worker))).body.photos.map((p: { url: string }) => p.url) as string[];

    const served = await fetchOnce(t, kept);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(320);
    // Deleted from the bucket behind the server's back (a lifecycle rule, an operator).
    await t.app.get<FileStorage>(FILE_STORAGE).remove(`${ids[1]}.jpg`);
    expect((await fetchOnce(t, lost)).status).toBe(404);

    await s3.stop();
    try {
      const down = await fetchOnce(t, kept);
      expect([down.status, ((await down.json()) as { code: string }).code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
    } finally {
      await s3.start();
    }
    expect((await fetchOnce(t, kept)).status).toBe(200);
  });
});
