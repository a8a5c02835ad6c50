// Configuration read once from the environment and validated at boot: a process with a bad setting
// refuses to start and says which setting and why.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from server/src/config or server/dist/config alike. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `flavor` picks TypeORM's dialect: MariaDB is read and written with its own (INSERT … RETURNING, its way of reporting defaults). */
export type DatabaseConfig = { type: 'sqlite'; file: string } | { type: 'mysql'; url: string; flavor: 'mysql' | 'mariadb' };

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  publicBaseUrl: string;
  database: DatabaseConfig;
  tokenSecret: string;
  tokenTtlSeconds: number;
  /** 32-byte key for personal data at rest (phone numbers). */
  dataKey: Buffer;
  uploadDir: string;
  /** The H5 build of the mini-program, served at `/` when present. */
  h5Dir: string;
  wechat: {
    /** 'simulator' starts the project's WeChat simulator in-process; never in production. */
    mode: 'real' | 'simulator';
    apiBase: string;
    /** How long a call to WeChat may take before it counts as failed (and is retried). */
    timeoutMs: number;
    appid: string;
    secret: string;
    /** Workers' templates (accepted, progress, replied) and the staff's to-do reminder (todo). */
    templates: { accepted: string; progress: string; replied: string; todo: string };
    /** 企业微信's API, where department group robots are reached (the simulator offline). */
    wecomApiBase: string;
  };
  limits: { appealsPer10Minutes: number; appealsPerDay: number };
  /** Requests per client in a window (server/src/throttle): counted in the database, so every instance shares them. */
  throttle: { loginPerMinute: number; bindPerHourPerUser: number; bindPerHourPerIp: number; scansPerHourPerPlace: number; publicPerMinute: number };
  /** Photos a person may hold that no appeal carries yet (last 24 hours), and the free disk below which uploads stop. */
  uploadQuota: { photosPerDay: number; bytesPerDay: number; minFreeBytes: number };
  /** A request not answered in this long gets 503 instead of hanging (a database that stopped answering). */
  requestTimeoutMs: number;
  /** Run the periodic jobs in this process (off in tests, which call them with a moved clock). */
  schedulers: boolean;
  /** Seed the demo organisations at boot (npm start). */
  demoSeed: boolean;
  /**
   * WeChat Pay for hardship relief (商家转账), from files and the environment — never the repository.
   * Null when not configured (relief can be approved, not paid); the simulator makes its own keys.
   */
  pay: PayConfig | null;
  logJson: boolean;
}

export interface PayConfig {
  mchid: string;
  /** The merchant API certificate's serial. */
  serial: string;
  privateKey: string;
  /** 微信支付公钥ID and the public key (PEM) that verifies WeChat Pay's answers and notices. */
  publicKeyId: string;
  publicKey: string;
  apiV3Key: string;
  apiBase: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

const DEV_TOKEN_SECRET = 'minqing-demo-token-secret-not-for-production';
const DEV_DATA_KEY = Buffer.alloc(32, 7);

export function parseDatabaseUrl(url: string, problems: string[]): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) problems.push('DATABASE_URL: sqlite needs a file, e.g. sqlite:./data/app.db or sqlite::memory:');
    return { type: 'sqlite', file: file === ':memory:' ? file : path.resolve(REPO_ROOT, file) };
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      problems.push('DATABASE_URL: not a valid mysql:// URL');
    }
    return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:'), flavor: url.startsWith('mariadb:') ? 'mariadb' : 'mysql' };
  }
  problems.push(`DATABASE_URL: "${url}" is neither sqlite:<file> nor mysql://user:pass@host:3306/db`);
  return { type: 'sqlite', file: ':memory:' };
}

function int(env: Env, name: string, fallback: number, problems: string[], min = 0, max = 65535 * 1000): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}: "${raw}" is not a whole number between ${min} and ${max}`);
    return fallback;
  }
  return value;
}

function dataKey(env: Env, production: boolean, problems: string[]): Buffer {
  const raw = env.DATA_KEY;
  if (!raw) {
    if (production) problems.push('DATA_KEY: required in production (32 bytes, base64: `openssl rand -base64 32`)');
    return DEV_DATA_KEY;
  }
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) problems.push('DATA_KEY: must be 32 bytes encoded as base64');
  return key;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const port = int(env, 'PORT', 3000, problems, 0, 65535);
  const host = env.HOST ?? '0.0.0.0';
  const database = parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/app.db', problems);

  const tokenSecret = env.TOKEN_SECRET ?? (production ? '' : DEV_TOKEN_SECRET);
  if (tokenSecret.length < 32) problems.push('TOKEN_SECRET: required, at least 32 characters');

  const wechatMode = env.WECHAT_MODE ?? (production ? 'real' : 'simulator');
  if (wechatMode !== 'real' && wechatMode !== 'simulator') problems.push('WECHAT_MODE: must be "real" or "simulator"');
  if (production && wechatMode === 'simulator') problems.push('WECHAT_MODE: the simulator is never used in production');
  if (wechatMode === 'real') {
    for (const name of ['WECHAT_APPID', 'WECHAT_SECRET']) if (!env[name]) problems.push(`${name}: required when WECHAT_MODE=real`);
  }

  const config: AppConfig = {
    production,
    port,
    host,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    database,
    tokenSecret,
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 7 * 24 * 3600, problems, 60),
    dataKey: dataKey(env, production, problems),
    uploadDir: path.resolve(REPO_ROOT, env.UPLOAD_DIR ?? './data/uploads'),
    h5Dir: path.resolve(REPO_ROOT, env.H5_DIR ?? './miniprogram/dist/h5'),
    wechat: {
      mode: wechatMode === 'real' ? 'real' : 'simulator',
      apiBase: (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/$/, ''),
      timeoutMs: int(env, 'WECHAT_TIMEOUT_MS', 5000, problems, 50, 60_000),
      appid: env.WECHAT_APPID ?? 'wxsimulator0000001',
      secret: env.WECHAT_SECRET ?? 'simulator-secret',
      templates: {
        accepted: env.WECHAT_TEMPLATE_ACCEPTED ?? 'tmpl-appeal-accepted',
        progress: env.WECHAT_TEMPLATE_PROGRESS ?? 'tmpl-appeal-progress',
        replied: env.WECHAT_TEMPLATE_REPLIED ?? 'tmpl-appeal-replied',
        todo: env.WECHAT_TEMPLATE_TODO ?? 'tmpl-staff-todo',
      },
      wecomApiBase: (env.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com').replace(/\/$/, ''),
    },
    limits: {
      appealsPer10Minutes: int(env, 'APPEAL_LIMIT_PER_10_MINUTES', 5, problems, 1),
      appealsPerDay: int(env, 'APPEAL_LIMIT_PER_DAY', 20, problems, 1),
    },
    // Generous per IP: a mine's workers often share one address (the dormitory's Wi-Fi, a carrier's NAT).
    throttle: {
      loginPerMinute: int(env, 'THROTTLE_LOGIN_PER_MINUTE', 120, problems, 1),
      bindPerHourPerUser: int(env, 'THROTTLE_BIND_PER_HOUR_USER', 10, problems, 1),
      bindPerHourPerIp: int(env, 'THROTTLE_BIND_PER_HOUR_IP', 30, problems, 1),
      scansPerHourPerPlace: int(env, 'THROTTLE_SCANS_PER_HOUR', 3, problems, 1),
      publicPerMinute: int(env, 'THROTTLE_PUBLIC_PER_MINUTE', 120, problems, 1),
    },
    uploadQuota: {
      photosPerDay: int(env, 'UPLOAD_QUOTA_PHOTOS', 30, problems, 1),
      bytesPerDay: int(env, 'UPLOAD_QUOTA_MB', 40, problems, 1) * 1024 * 1024,
      minFreeBytes: int(env, 'UPLOAD_MIN_FREE_MB', 200, problems, 0) * 1024 * 1024,
    },
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 15_000, problems, 500, 600_000),
    schedulers: env.SCHEDULERS !== 'off',
    demoSeed: env.DEMO_SEED === 'true' || env.DEMO_SEED === '1',
    pay: payConfig(env, problems),
    logJson: env.LOG_FORMAT ? env.LOG_FORMAT === 'json' : production,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** A random secret for throwaway runs (tests). */
export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}

/** WXPAY_* settings: all or none; keys are read from the files they name. */
function payConfig(env: NodeJS.ProcessEnv, problems: string[]): PayConfig | null {
  const names = ['WXPAY_MCHID', 'WXPAY_SERIAL', 'WXPAY_PRIVATE_KEY_FILE', 'WXPAY_PUBLIC_KEY_ID', 'WXPAY_PUBLIC_KEY_FILE', 'WXPAY_APIV3_KEY'];
  const given = names.filter((n) => env[n]);
  if (!given.length) return null;
  if (given.length < names.length) {
    problems.push(`WXPAY_*: set all of ${names.join(', ')} (missing ${names.filter((n) => !env[n]).join(', ')})`);
    return null;
  }
  if (Buffer.byteLength(env.WXPAY_APIV3_KEY!) !== 32) problems.push('WXPAY_APIV3_KEY: must be 32 bytes');
  const read = (name: string) => {
    try {
      return fs.readFileSync(path.resolve(REPO_ROOT, env[name]!), 'utf8');
    } catch {
      problems.push(`${name}: cannot read ${env[name]}`);
      return '';
    }
  };
  return {
    mchid: env.WXPAY_MCHID!,
    serial: env.WXPAY_SERIAL!,
    privateKey: read('WXPAY_PRIVATE_KEY_FILE'),
    publicKeyId: env.WXPAY_PUBLIC_KEY_ID!,
    publicKey: read('WXPAY_PUBLIC_KEY_FILE'),
    apiV3Key: env.WXPAY_APIV3_KEY!,
    apiBase: (env.WXPAY_API_BASE ?? 'https://api.mch.weixin.qq.com').replace(/\/$/, ''),
  };
}
