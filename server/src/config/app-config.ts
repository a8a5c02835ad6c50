// Configuration read once from the environment and validated at boot: a process with a bad setting
// refuses to start and says which setting and why.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag } from './env-flag.js';
import { storageConfig, type StorageConfig } from './storage-config.js';
import { wechatPlatformConfig, type WechatPlatformConfig } from './wechat-platform-config.js';

/** The repository root, from server/src/config or server/dist/config alike. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `flavor` picks TypeORM's dialect: MariaDB is read and written with its own (INSERT … RETURNING, its way of reporting defaults). */
export type DatabaseConfig = { type: 'sqlite'; file: string } | { type: 'mysql'; url: string; flavor: 'mysql' | 'mariadb' };

export interface AppConfig {
  production: boolean;
  port: number;
  /** The address to listen on: loopback unless HOST says otherwise (HOST=0.0.0.0 opens it to the network). */
  host: string;
  /**
   * Which proxies' X-Forwarded-For to believe, as Fastify's trustProxy takes it: false (none, the
   * default: the client's address is the connection's), a hop count, or addresses/CIDRs.
   */
  trustProxy: boolean | number | string[];
  /** Serve Swagger UI (/api/docs) and its JSON: on by default only outside production. */
  apiDocs: boolean;
  publicBaseUrl: string;
  database: DatabaseConfig;
  tokenSecret: string;
  /** A worker's token; staff tokens live staffTokenTtlSeconds at most, whenever they were issued. */
  tokenTtlSeconds: number;
  staffTokenTtlSeconds: number;
  /** 32-byte key for personal data at rest (phone numbers). */
  dataKey: Buffer;
  uploadDir: string;
  /** Where uploaded files live: UPLOAD_DIR, or an S3-compatible store (STORAGE=s3; storage-config.ts). */
  storage: StorageConfig;
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
    /** 企业微信's API, where department group robots are reached (the simulator offline). */
    wecomApiBase: string;
  } & WechatPlatformConfig;
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
  /** What each 商家转账 of relief says, and the merchant's per-transfer window (WXPAY_TRANSFER_*). */
  transfer: TransferConfig;
  logJson: boolean;
}

/**
 * The transfer's scene and what the worker sees, as the merchant applied for them in 商户平台, checked at
 * boot against WeChat Pay's documented values for the scene (scene 1002 行政补贴: perception 行政补贴 or
 * 行政奖励, one report info 补贴类型 of at most 32 characters; https://pay.weixin.qq.com/doc/v3/merchant/4013774594).
 */
export interface TransferConfig {
  sceneId: '1002';
  perception: string;
  /** The 补贴类型 reported for the scene. */
  subsidyType: string;
  /** The merchant's per-transfer window in fen (商户平台's setting; 0.1–200 yuan unless raised). */
  minFen: number;
  maxFen: number;
}

/** Perceptions scene 1002 accepts (https://pay.weixin.qq.com/doc/v3/merchant/4013774594). */
const SCENE_1002_PERCEPTIONS = ['行政补贴', '行政奖励'];
/** From 2,000 yuan WeChat Pay needs the worker's encrypted real name, which this product does not collect. */
const TRANSFER_MAX_WITHOUT_NAME_FEN = 199_999;

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

/** The demo's secret and key: published in this repository, so never accepted where production is meant. */
export const DEV_TOKEN_SECRET = 'minqing-demo-token-secret-not-for-production';
const DEV_DATA_KEY = Buffer.alloc(32, 7);
/** The simulator's mini-program appid: any other appid is a real mini-program's. */
export const SIMULATOR_APPID = 'wxsimulator0000001';
/**
 * Secrets published as examples (this repository's demo, the usual placeholders): refused in
 * production whatever their length.
 */
const PUBLISHED_SECRETS = new Set([DEV_TOKEN_SECRET, 'simulator-secret', 'secret', 'changeme', 'change-me', 'changeit', 'password', 'your-secret', 'your-token-secret', '...']);

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

/**
 * Why this process is production, or null when it is the demo or a test: NODE_ENV=production, the
 * real WeChat, or a real mini-program's appid — any of them means real people's data, so the demo's
 * secrets and the simulator are refused even with NODE_ENV unset.
 */
function productionReason(env: Env): string | null {
  if (env.NODE_ENV === 'production') return 'NODE_ENV=production';
  if (env.WECHAT_MODE === 'real') return 'WECHAT_MODE=real';
  if (env.WECHAT_APPID && env.WECHAT_APPID !== SIMULATOR_APPID) return `WECHAT_APPID=${env.WECHAT_APPID} is a real mini-program`;
  return null;
}

/** Too few different characters (or bytes) for a random secret: "aaaa…", "1234…1234". */
const tooUniform = (values: ArrayLike<unknown>, distinct: number) => new Set(Array.from(values)).size < distinct;

function tokenSecret(env: Env, reason: string | null, problems: string[]): string {
  const secret = env.TOKEN_SECRET ?? (reason ? '' : DEV_TOKEN_SECRET);
  if (secret.length < 32) problems.push(`TOKEN_SECRET: required, at least 32 characters${reason ? ` (production: ${reason}; \`openssl rand -hex 32\`)` : ''}`);
  else if (reason && (PUBLISHED_SECRETS.has(secret) || tooUniform(secret, 10)))
    problems.push(`TOKEN_SECRET: the published demo secret (or one as easy to guess) cannot sign tokens in production (${reason}); set a random one: \`openssl rand -hex 32\``);
  return secret;
}

function dataKey(env: Env, reason: string | null, problems: string[]): Buffer {
  const raw = env.DATA_KEY;
  if (!raw) {
    if (reason) problems.push(`DATA_KEY: required in production (${reason}): 32 bytes, base64: \`openssl rand -base64 32\``);
    return DEV_DATA_KEY;
  }
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) problems.push('DATA_KEY: must be 32 bytes encoded as base64');
  else if (reason && (key.equals(DEV_DATA_KEY) || tooUniform(key, 16)))
    problems.push(`DATA_KEY: the development key (or one as easy to guess) cannot encrypt personal data in production (${reason}); set a random one: \`openssl rand -base64 32\``);
  return key;
}

/** TRUST_PROXY: unset or "false" (trust no proxy), "true" (every hop — only behind a proxy that overwrites the header), a hop count, or addresses/CIDRs. */
function trustProxy(env: Env, problems: string[]): AppConfig['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((e) => e.trim());
  // proxy-addr (Fastify's) also knows these names for the private ranges.
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const bad = entries.filter((e) => {
    if (named.has(e)) return false;
    const [address, bits, extra] = e.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (bad.length) problems.push(`TRUST_PROXY: "${bad.join(', ')}" is not an address or CIDR (e.g. 10.0.0.1, 10.0.0.0/8, loopback), a hop count, true or false`);
  return entries;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const reason = productionReason(env);
  const port = int(env, 'PORT', 3000, problems, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const database = parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/app.db', problems);
  const uploadDir = path.resolve(REPO_ROOT, env.UPLOAD_DIR ?? './data/uploads');

  const wechatMode = env.WECHAT_MODE ?? (reason ? 'real' : 'simulator');
  const demoSeed = env.DEMO_SEED === 'true' || env.DEMO_SEED === '1';
  if (wechatMode !== 'real' && wechatMode !== 'simulator') problems.push('WECHAT_MODE: must be "real" or "simulator"');
  // The simulator logs anyone in as anyone (`test:<openid>`): never where production is meant.
  if (reason && wechatMode === 'simulator') problems.push(`WECHAT_MODE: the simulator is never used in production (${reason})`);
  if (wechatMode === 'real') {
    for (const name of ['WECHAT_APPID', 'WECHAT_SECRET']) if (!env[name]) problems.push(`${name}: required when WECHAT_MODE=real`);
    if (env.WECHAT_APPID === SIMULATOR_APPID) problems.push("WECHAT_APPID: the simulator's appid cannot reach the real WeChat (WECHAT_MODE=real)");
    if (env.WECHAT_SECRET && PUBLISHED_SECRETS.has(env.WECHAT_SECRET)) problems.push("WECHAT_SECRET: a published example, not the mini-program's AppSecret (WECHAT_MODE=real)");
  }

  const config: AppConfig = {
    production,
    port,
    host,
    trustProxy: trustProxy(env, problems),
    apiDocs: flag(env, 'API_DOCS', !reason, problems),
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    database,
    tokenSecret: tokenSecret(env, reason, problems),
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 7 * 24 * 3600, problems, 60),
    staffTokenTtlSeconds: int(env, 'STAFF_TOKEN_TTL_SECONDS', 12 * 3600, problems, 60),
    dataKey: dataKey(env, reason, problems),
    uploadDir,
    storage: storageConfig(env, uploadDir, reason, problems),
    h5Dir: path.resolve(REPO_ROOT, env.H5_DIR ?? './miniprogram/dist/h5'),
    wechat: {
      mode: wechatMode === 'real' ? 'real' : 'simulator',
      apiBase: (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/$/, ''),
      timeoutMs: int(env, 'WECHAT_TIMEOUT_MS', 5000, problems, 50, 60_000),
      appid: env.WECHAT_APPID ?? SIMULATOR_APPID,
      secret: env.WECHAT_SECRET ?? 'simulator-secret',
      wecomApiBase: (env.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com').replace(/\/$/, ''),
      ...wechatPlatformConfig(env, env.WECHAT_APPID ?? SIMULATOR_APPID, problems, { demo: demoSeed && wechatMode === 'simulator', productionReason: reason }),
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
    demoSeed,
    pay: payConfig(env, problems),
    transfer: transferConfig(env, problems),
    logJson: env.LOG_FORMAT ? env.LOG_FORMAT === 'json' : production,
  };
  // WeChat Pay posts its notices only to an https notify_url without parameters (transfer-to-user.html).
  if (reason && !/^https:\/\/[^\s?#]+$/.test(config.publicBaseUrl))
    problems.push(`PUBLIC_BASE_URL: "${config.publicBaseUrl}" must be an https:// address without ?query in production (${reason}): WeChat Pay sends its notices only there`);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function transferConfig(env: Env, problems: string[]): TransferConfig {
  const sceneId = env.WXPAY_TRANSFER_SCENE_ID ?? '1002';
  if (sceneId !== '1002') problems.push(`WXPAY_TRANSFER_SCENE_ID: "${sceneId}" — relief is paid as scene 1002 (行政补贴), the only scene its report infos are built for`);
  const perception = env.WXPAY_USER_RECV_PERCEPTION ?? '行政补贴';
  if (!SCENE_1002_PERCEPTIONS.includes(perception))
    problems.push(`WXPAY_USER_RECV_PERCEPTION: "${perception}" is not shown for scene 1002; use ${SCENE_1002_PERCEPTIONS.join(' or ')}`);
  const subsidyType = env.WXPAY_SUBSIDY_TYPE ?? '困难职工救助';
  if (!subsidyType || [...subsidyType].length > 32) problems.push('WXPAY_SUBSIDY_TYPE: the 补贴类型 reported with each transfer, 1–32 characters');
  const minFen = int(env, 'WXPAY_TRANSFER_MIN_FEN', 10, problems, 1, TRANSFER_MAX_WITHOUT_NAME_FEN);
  const maxFen = int(env, 'WXPAY_TRANSFER_MAX_FEN', 20_000, problems, 1, TRANSFER_MAX_WITHOUT_NAME_FEN);
  if (minFen > maxFen) problems.push(`WXPAY_TRANSFER_MIN_FEN: ${minFen} is above WXPAY_TRANSFER_MAX_FEN (${maxFen})`);
  return { sceneId: '1002', perception, subsidyType, minFen, maxFen };
}

/**
 * Where WeChat Pay posts its notices: https only, without parameters (transfer-to-user.html). Production's
 * PUBLIC_BASE_URL is https (checked at boot); the demo's and the tests' plain http://localhost is named with
 * https, and the simulator delivers to the plain port behind it, as the merchant's TLS front would.
 */
export function wxpayNotifyUrl(config: AppConfig): string {
  const base = config.wechat.mode === 'simulator' ? config.publicBaseUrl.replace(/^http:/, 'https:') : config.publicBaseUrl;
  return `${base}/api/wxpay/notify`;
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
