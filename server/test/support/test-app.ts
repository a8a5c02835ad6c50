// Boots the real application on a real database and a real HTTP port, with the WeChat simulator,
// and gives tests factories to build the data each test reads.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../../src/app-factory.js';
import { Clock } from '../../src/common/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { DEMO_ORGS, type DemoOrg } from '../../src/demo/demo-data.js';
import { seedOrganization } from '../../src/demo/org-seeder.js';
import type { WechatSimulator } from '../../src/wechat/simulator/wechat-simulator.js';
import { WechatService } from '../../src/wechat/wechat.service.js';
import { createTestDatabase, enginesUnderTest, type EngineName, type TestDatabase } from './test-databases.js';
import { SETUP_MS } from './time-budget.js';

export interface TestOrg {
  code: string;
  /** Openids of its staff by role key, e.g. staff.coordinator. */
  staff: Record<'admin' | 'coordinator' | 'secretary' | 'leader' | 'logistics' | 'payroll', string>;
}

export interface TestApp {
  engine: EngineName;
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  http: () => request.Agent;
  db: DataSource;
  simulator: WechatSimulator;
  /** Logs in through the real route and the simulator; returns the bearer token. */
  login(openid: string): Promise<string>;
  /**
   * The person taps 允许 in WeChat's subscription prompt: WeChat (the simulator) records a credit per accepted
   * template, and the mini-program posts the same answers to the server. Returns the server's answer.
   */
  acceptMessages(token: string, results: Record<string, string>): Promise<request.Response>;
  /** A fresh organisation shaped like the demo mine, with a unique code (or the one given) and staff openids. */
  createOrg(code?: string): Promise<TestOrg>;
  /** Moves the application's clock (null: real time again). */
  setNow(date: Date | null): void;
  close(): Promise<void>;
}

export const uniqueName = (prefix: string): string => `${prefix}_${randomBytes(4).toString('hex')}`;

export async function startTestApp(engine: EngineName, env: Record<string, string> = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase(engine);
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-uploads-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    UPLOAD_DIR: uploadDir,
    H5_DIR: path.join(uploadDir, 'no-h5'),
    TOKEN_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('base64'),
    WECHAT_MODE: 'simulator',
    SCHEDULERS: 'off',
    // The simulator is on loopback, but a busy CI machine has answered a send after the product's 5 s: the message
    // was retried later and a test that runs the dispatcher once missed it. Tests time nothing (a timeout's own
    // test sets a short one).
    WECHAT_TIMEOUT_MS: '30000',
    // Tests log in and read public pages hundreds of times from 127.0.0.1; the limits' own tests set low ones.
    THROTTLE_LOGIN_PER_MINUTE: '100000',
    THROTTLE_BIND_PER_HOUR_USER: '100000',
    THROTTLE_BIND_PER_HOUR_IP: '100000',
    THROTTLE_PUBLIC_PER_MINUTE: '100000',
    THROTTLE_SCANS_PER_HOUR: '100000',
    // A merchant that raised its per-transfer limit in 商户平台 to ¥1,000 (the default window's own test sets none).
    WXPAY_TRANSFER_MAX_FEN: '100000',
    ...env,
  });
  const app = await createApp(config, { logger: false, migrate: true, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Links the server makes (stickers, WeChat Pay's notify_url) point where it really listens.
  config.publicBaseUrl = baseUrl;
  const http = () => request.agent(baseUrl);
  const db = app.get(DataSource);
  const simulator = app.get(WechatService).simulator!;
  const openidOf = new Map<string, string>();

  return {
    engine,
    app,
    config,
    baseUrl,
    http,
    db,
    simulator,
    async login(openid) {
      const response = await http()
        .post('/api/auth/wx-login')
        .send({ code: `test:${openid}` });
      if (response.status !== 200) throw new Error(`login of ${openid} failed: ${response.status} ${JSON.stringify(response.body)}`);
      openidOf.set(response.body.token as string, openid);
      return response.body.token as string;
    },
    acceptMessages(token, results) {
      const openid = openidOf.get(token);
      if (!openid) throw new Error('acceptMessages: a token this test app did not log in');
      simulator.acceptSubscriptions(openid, results);
      return http().post('/api/me/subscriptions').set('Authorization', `Bearer ${token}`).send({ results });
    },
    async createOrg(code = uniqueName('o').slice(0, 12)) {
      const template = DEMO_ORGS[0];
      const keys = ['admin', 'coordinator', 'secretary', 'leader', 'logistics', 'payroll'] as const;
      const renamed = new Map(template.staff.map((s, i) => [s.openid, `${code}_${keys[i]}`]));
      const spec: DemoOrg = {
        ...template,
        code,
        departments: template.departments.map(([d, name, leader]) => [d, name, leader ? renamed.get(leader) : undefined]),
        staff: template.staff.map((s) => ({ ...s, openid: renamed.get(s.openid)! })),
      };
      await seedOrganization(db, spec);
      return { code, staff: Object.fromEntries(keys.map((k) => [k, `${code}_${k}`])) as TestOrg['staff'] };
    },
    setNow(date) {
      const clock = app.get(Clock);
      clock.now = date ? () => new Date(date) : Clock.prototype.now;
    },
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

/**
 * Boots one app per test file and engine, with one organisation, for a describe block:
 * `const ctx = useTestApp(engine)` then `ctx.t` and `ctx.org` inside the tests.
 */
export function useTestApp(engine: EngineName, env: Record<string, string> = {}): { t: TestApp; org: TestOrg } {
  const ctx = {} as { t: TestApp; org: TestOrg };
  beforeAll(async () => {
    ctx.t = await startTestApp(engine, env);
    ctx.org = await ctx.t.createOrg();
  }, SETUP_MS);
  afterAll(() => ctx.t?.close());
  return ctx;
}

/**
 * On a SQLite file the long reads (the staff lists, the reports, the export's pages) run on a ThreadReader's
 * own thread, through a read-only connection of its own; in memory, as the other tests run, a database
 * cannot be opened twice and they run on the app's connection. The suites that read through one run on a
 * file too.
 */
export const SQLITE_FILE = 'SQLite file (long reads on their own thread)';
export type AppEngine = EngineName | typeof SQLITE_FILE;

export const appEnginesUnderTest = (): AppEngine[] => [...enginesUnderTest(), SQLITE_FILE];

export const engineOf = (name: AppEngine): EngineName => (name === SQLITE_FILE ? 'sqlite' : name);

/** useTestApp on an engine, or on a SQLite file of its own (deleted afterwards). */
export function useTestAppOn(name: AppEngine, env: Record<string, string> = {}): { t: TestApp; org: TestOrg } {
  if (name !== SQLITE_FILE) return useTestApp(name, env);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-file-'));
  const ctx = useTestApp('sqlite', { DATABASE_URL: `sqlite:${path.join(dir, 'app.db')}`, ...env });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return ctx;
}
