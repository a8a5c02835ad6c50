// Two server instances behind one load balancer, as the README allows: one MariaDB, and either one
// S3-compatible store (STORAGE=s3) or each its own disk (the directory default, as on two machines).
// A photo uploaded through one instance is shown by the other from the store; from a directory it
// is not — directory storage serves one instance (or one directory they all mount), as the README and
// the boot warning say. (SQLite is the embedded single-process default: no second instance there.)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import sharp from 'sharp';
import { createApp } from '../src/app-factory.js';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';
import { validAppeal } from './support/appeal-factory.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { startTestApp, uniqueName, type TestApp, type TestOrg } from './support/test-app.js';

const engines = enginesUnderTest().filter((engine) => engine === 'mariadb');
const suite = engines.length ? describe.each(engines) : describe.skip.each(['mariadb' as EngineName]);

/** Another instance of the same deployment: the same database, secrets and storage settings, its own process state and port. */
async function secondInstance(first: TestApp, env: Record<string, string>): Promise<{ app: NestFastifyApplication; baseUrl: string }> {
  const database = first.config.database as Extract<AppConfig['database'], { type: 'mysql' }>;
  const config = loadConfig({
    DATABASE_URL: database.flavor === 'mariadb' ? database.url.replace(/^mysql:/, 'mariadb:') : database.url,
    PORT: '0',
    TOKEN_SECRET: first.config.tokenSecret,
    DATA_KEY: first.config.dataKey.toString('base64'),
    WECHAT_MODE: 'simulator',
    SCHEDULERS: 'off',
    THROTTLE_LOGIN_PER_MINUTE: '100000',
    ...env,
  });
  const app = await createApp(config, { logger: false, migrate: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  return { app, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

const photo = () =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: '#ef6c00' } })
    .jpeg()
    .toBuffer();

/** The photo's bytes as a browser gets them from `url` on `base`, following a redirect to the store; null when refused. */
async function shown(base: string, url: string): Promise<Buffer | null> {
  const response = await fetch(new URL(url, base));
  return response.status === 200 ? Buffer.from(await response.arrayBuffer()) : null;
}

suite('two instances on one %s database', (engine) => {
  describe.each(['s3', 'directory'] as const)('with %s storage', (storage) => {
    let s3: TestS3Server | undefined;
    let first: TestApp;
    let second: { app: NestFastifyApplication; baseUrl: string };
    let org: TestOrg;
    const dirs: string[] = [];
    /** Each instance's storage settings: the one store, or a directory of its own machine. */
    const storageEnv = (): Record<string, string> => {
      if (s3) return s3.env;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-instance-'));
      dirs.push(dir);
      return { UPLOAD_DIR: dir };
    };

    beforeAll(async () => {
      if (storage === 's3') s3 = await startS3Server();
      first = await startTestApp(engine, storageEnv());
      second = await secondInstance(first, storageEnv());
      org = await first.createOrg();
    }, 60_000);
    afterAll(async () => {
      await second?.app.close();
      await first?.close();
      await s3?.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    const call = (base: string, method: string, route: string, token: string, body?: object, headers: Record<string, string> = {}) =>
      fetch(`${base}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
    const login = async (base: string, openid: string) =>
      (
        (await (
          await fetch(`${base}/api/auth/wx-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `test:${openid}` }) })
        ).json()) as { token: string }
      ).token;

    it(
      storage === 's3'
        ? 'shows a photo uploaded through one instance from the other'
        : 'loses the photo on the instance that did not receive it (directory storage serves one instance)',
      async () => {
        // The worker's upload lands on the first instance; the submission and the office's reading on the second.
        const worker = await login(first.baseUrl, uniqueName('w'));
        const form = new FormData();
        form.append('file', new Blob([await photo()], { type: 'image/jpeg' }), 'IMG_0001.jpg');
        const uploaded = await fetch(`${first.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${worker}` }, body: form });
        expect(uploaded.status).toBe(201);
        const { id: photoId } = (await uploaded.json()) as { id: string };
        const submitted = await call(second.baseUrl, 'POST', '/api/appeals', worker, validAppeal(org.code, { photos: [photoId] }), {
          'idempotency-key': randomBytes(16).toString('hex'),
        });
        expect(submitted.status).toBe(201);
        const { id: appealId } = (await submitted.json()) as { id: string };

        const office = await login(second.baseUrl, org.staff.coordinator);
        const view = (await (await call(second.baseUrl, 'GET', `/api/appeals/${appealId}`, office)).json()) as { photos: Array<{ id: string; url: string }> };
        expect(view.photos.map((p) => p.id)).toEqual([photoId]);
        // What the first instance serves is the photo as stored.
        const original = await shown(first.baseUrl, view.photos[0].url);
        expect(original && (await sharp(original).metadata()).width).toBe(320);
        const fromSecond = await shown(second.baseUrl, view.photos[0].url);
        if (storage === 's3') expect(fromSecond?.equals(original!)).toBe(true);
        else expect(fromSecond).toBeNull();
      },
    );
  });
});
