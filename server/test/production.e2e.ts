// Production cannot start weak, and started strong it serves no demo door: the built server refuses
// each weak configuration naming the setting; a production application has no API docs, no
// simulator, no `test:` logins, and refuses a token forged with the published demo secret. Its
// request log carries no client address, X-Forwarded-For is believed only from a configured proxy,
// and a client that hangs up mid-request is one warning line, not an error with a stack.
import { spawn } from 'node:child_process';
import { createSecretKey, randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import Fastify from 'fastify';
import { fastifyOptions } from '../src/app-factory.js';
import { DEV_TOKEN_SECRET, loadConfig, REPO_ROOT } from '../src/config/app-config.js';
import { UsersRepository } from '../src/users/users.repository.js';
import { submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { startTestApp, uniqueName, type TestApp, type TestOrg } from './support/test-app.js';
import { SETUP_MS } from './support/time-budget.js';

const strongSecrets = () => ({ TOKEN_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('base64') });
const realWechat = { WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: randomBytes(16).toString('hex'), PUBLIC_BASE_URL: 'https://minqing.example.cn' };
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/** Runs the built server (server/dist/main.js) with exactly these settings; resolves with its exit code and output. */
function startBuiltServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'server/dist/main.js')], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'sqlite::memory:', PORT: '0', SCHEDULERS: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    // A server that started is the failure this test looks for: stop it and say so.
    const started = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(started);
      resolve({ code, output });
    });
  });
}

describe('production start-up of the built server', () => {
  it.each([
    [
      'the demo TOKEN_SECRET in production',
      { NODE_ENV: 'production', ...strongSecrets(), TOKEN_SECRET: DEV_TOKEN_SECRET, ...realWechat },
      'TOKEN_SECRET: the published demo secret',
    ],
    ['the development DATA_KEY in production', { NODE_ENV: 'production', ...strongSecrets(), DATA_KEY: DEV_DATA_KEY, ...realWechat }, 'DATA_KEY: the development key'],
    [
      'a short TOKEN_SECRET in production',
      { NODE_ENV: 'production', ...strongSecrets(), TOKEN_SECRET: 'hunter2hunter2', ...realWechat },
      'TOKEN_SECRET: required, at least 32 characters',
    ],
    ['real WeChat settings with NODE_ENV unset and no secrets', { ...realWechat }, 'TOKEN_SECRET: required'],
    [
      'real WeChat settings with NODE_ENV unset and no DATA_KEY',
      { ...realWechat, TOKEN_SECRET: strongSecrets().TOKEN_SECRET },
      'DATA_KEY: required in production (WECHAT_APPID=wx1234567890abcdef is a real mini-program)',
    ],
    [
      'WECHAT_MODE=real with the demo secret',
      { WECHAT_MODE: 'real', ...realWechat, ...strongSecrets(), TOKEN_SECRET: DEV_TOKEN_SECRET },
      'TOKEN_SECRET: the published demo secret',
    ],
    ['the simulator with a real appid', { WECHAT_MODE: 'simulator', ...realWechat, ...strongSecrets() }, 'WECHAT_MODE: the simulator is never used in production'],
    [
      'the simulator in production',
      { NODE_ENV: 'production', WECHAT_MODE: 'simulator', ...strongSecrets() },
      'WECHAT_MODE: the simulator is never used in production (NODE_ENV=production)',
    ],
  ])(
    'refuses %s, naming the setting',
    async (_, env, message) => {
      const { code, output } = await startBuiltServer(env);
      expect(output).toContain(message);
      expect(code).toBe(78);
    },
    40_000,
  );
});

/** Nest's log lines as [level, text], for the tests that read what the server logged. */
function captureLogger(): LoggerService & { lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  const push =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) =>
      void lines.push([level, [message, ...rest].map(String).join(' ')]);
  return { lines, log: push('log'), error: push('error'), warn: push('warn'), debug: push('debug'), verbose: push('verbose'), fatal: push('fatal') };
}

describe.each(enginesUnderTest())('a production application on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  const requestLog: string[] = [];
  const logger = captureLogger();
  beforeAll(async () => {
    t = await startTestApp(
      engine,
      { NODE_ENV: 'production', WECHAT_MODE: 'real', ...realWechat, WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_TIMEOUT_MS: '500' },
      { logger, logStream: { write: (line) => void requestLog.push(line) } },
    );
    org = await t.createOrg();
  }, SETUP_MS);
  afterAll(() => t?.close());

  it('serves no API docs and no simulator or demo routes, and logs no one in with a `test:` code', async () => {
    for (const path of ['/api/docs', '/api/docs-json', '/__sim/messages?touser=x', '/__sim/robot', '/api/demo/users']) {
      expect([path, (await t.http().get(path)).status]).toEqual([path, 404]);
    }
    const login = await t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${org.staff.admin}` });
    expect(login.status).not.toBe(200);
    expect(login.body.token).toBeUndefined();
  });

  it('refuses a token forged with the published demo secret as an administrator, with the 401 envelope', async () => {
    const [admin] = await t.db.query('SELECT id, token_version FROM users WHERE openid = ?', [org.staff.admin]);
    const claims = { sub: admin.id as string, ver: Number(admin.token_version) };
    const forged = await new JwtService({ secretOrPrivateKey: DEV_TOKEN_SECRET }).signAsync(claims, { algorithm: 'HS256', expiresIn: 3600 });
    const refused = await t.http().get('/api/admin/org').set('Authorization', `Bearer ${forged}`);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ statusCode: 401, code: 'AUTH_TOKEN_INVALID', message: '登录已过期,请重新进入小程序' });
    // The same claims signed with the configured secret are the administrator's.
    const genuine = await new JwtService({ secretOrKeyProvider: () => createSecretKey(Buffer.from(t.config.tokenSecret)) }).signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: 3600,
    });
    expect((await t.http().get('/api/admin/org').set('Authorization', `Bearer ${genuine}`)).status).toBe(200);
  });

  it('logs a request as method, path and status only: no address, agent or query beside an anonymous submission', async () => {
    const user = await t.app.get(UsersRepository).findOrCreateByOpenid(uniqueName('anon'), new Date());
    const token = await t.app.get(JwtService).signAsync({ sub: user.id, ver: 0 }, { expiresIn: 3600 });
    requestLog.length = 0;
    const response = await submitAppeal(t, token, validAppeal(org.code, { identity: 'anonymous', publishConsent: false }))
      .set('X-Forwarded-For', '203.0.113.77')
      .set('User-Agent', 'Mozilla/5.0 (Linux; Android 14; Redmi-Note-13) MicroMessenger/8.0.50');
    // Whatever WeChat's content check made of it: the request was answered and logged.
    expect(response.status).toBeGreaterThanOrEqual(200);
    await t.http().get('/api/health?probe=secret-query');
    const lines = requestLog.map((l) => JSON.parse(l) as { req?: Record<string, unknown>; res?: { statusCode: number } });
    const requests = lines.filter((l) => l.req);
    expect(requests.map((l) => l.req)).toEqual(
      expect.arrayContaining([
        { method: 'POST', url: '/api/appeals' },
        { method: 'GET', url: '/api/health' },
      ]),
    );
    const text = requestLog.join('\n');
    for (const trace of ['203.0.113.77', '127.0.0.1', 'remoteAddress', 'remotePort', 'Redmi', 'MicroMessenger', 'secret-query'])
      expect([trace, text.includes(trace)]).toEqual([trace, false]);
  });

  it('logs a client that hangs up mid-request as one warning line without a stack, not an error', async () => {
    const user = await t.app.get(UsersRepository).findOrCreateByOpenid(uniqueName('w'), new Date());
    const token = await t.app.get(JwtService).signAsync({ sub: user.id, ver: 0 }, { expiresIn: 3600 });
    requestLog.length = 0;
    const { port } = new URL(t.baseUrl);
    logger.lines.length = 0;
    for (const [path, type] of [
      ['/api/appeals', 'application/json'],
      ['/api/uploads', 'multipart/form-data; boundary=----x'],
    ]) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${type}\r\nContent-Length: 100000\r\n\r\n`);
          socket.write(
            type.startsWith('multipart') ? '------x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff' : '{"org":"',
          );
          setTimeout(() => socket.destroy(), 300);
        });
        socket.on('close', () => resolve());
      });
    }
    // The server notices the hang-up a moment later.
    for (let i = 0; i < 40 && logger.lines.filter(([l]) => l === 'warn').length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(logger.lines.filter(([level]) => level === 'error')).toEqual([]);
    const warnings = logger.lines.filter(([level]) => level === 'warn').map(([, text]) => text);
    expect(warnings).toEqual([
      expect.stringMatching(/^client closed the connection: POST \/api\/appeals/),
      expect.stringMatching(/^client closed the connection: POST \/api\/uploads/),
    ]);
    for (const text of warnings) expect(text).not.toMatch(/\n\s+at /);
    // Nor does the request log call it an error (pino's level 50) or carry a stack.
    const levels = requestLog.map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels.filter((level) => level >= 50)).toEqual([]);
    expect(requestLog.join('\n')).not.toMatch(/"stack"/);
  });
});

describe('X-Forwarded-For', () => {
  /** The client address the application sees (request.ip) for a request from this test (127.0.0.1) claiming `forwarded`. */
  async function clientIp(env: Record<string, string>, forwarded: string): Promise<string> {
    const server = Fastify(fastifyOptions(loadConfig(env)));
    server.get('/ip', async (request) => request.ip);
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      return await (await fetch(`${base}/ip`, { headers: { 'x-forwarded-for': forwarded } })).text();
    } finally {
      await server.close();
    }
  }

  it('is ignored by default: a client cannot pick its own address', async () => {
    expect(await clientIp({}, '203.0.113.9')).toBe('127.0.0.1');
  });

  it('is believed from a proxy TRUST_PROXY names, by address, CIDR or hop count, and from no other', async () => {
    expect(await clientIp({ TRUST_PROXY: '127.0.0.0/8' }, '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientIp({ TRUST_PROXY: '127.0.0.1' }, '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientIp({ TRUST_PROXY: 'loopback' }, '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientIp({ TRUST_PROXY: '10.0.0.0/8' }, '203.0.113.9')).toBe('127.0.0.1');
    // One hop: the client is the address the one proxy appended, not what the client wrote before it.
    expect(await clientIp({ TRUST_PROXY: '1' }, '192.0.2.66, 203.0.113.9')).toBe('203.0.113.9');
  });
});
