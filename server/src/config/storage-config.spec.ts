import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config.js';
import { storageBootWarning, storageImageOrigin } from './storage-config.js';

/** The message of the ConfigError these settings raise (fails the test when they start). */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`started with ${JSON.stringify(env)}`);
}

const production = (): Record<string, string> => ({
  NODE_ENV: 'production',
  DATABASE_URL: 'mysql://u:p@db:3306/mq',
  TOKEN_SECRET: randomBytes(32).toString('hex'),
  DATA_KEY: randomBytes(32).toString('base64'),
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: randomBytes(16).toString('hex'),
  PUBLIC_BASE_URL: 'https://minqing.example.cn',
});
/** An Aliyun OSS bucket, as a real deployment names it. */
const oss = (): Record<string, string> => ({
  STORAGE: 's3',
  S3_ENDPOINT: 'https://oss-cn-beijing.aliyuncs.com',
  S3_REGION: 'cn-beijing',
  S3_BUCKET: 'minqing-photos',
  S3_ACCESS_KEY_ID: 'LTAI5tExampleKeyId0001',
  S3_SECRET_ACCESS_KEY: randomBytes(15).toString('hex'),
});

describe('storage configuration', () => {
  it('keeps photos in UPLOAD_DIR by default', () => {
    const config = loadConfig({ UPLOAD_DIR: '/var/lib/minqing/uploads' });
    expect(config.storage).toEqual({ kind: 'directory', dir: '/var/lib/minqing/uploads' });
    expect(storageImageOrigin(config.storage)).toBeNull();
  });

  it('starts in production on an object store with a real key and an https address', () => {
    const config = loadConfig({ ...production(), ...oss() });
    expect(config.storage).toMatchObject({ kind: 's3', bucket: 'minqing-photos', region: 'cn-beijing', forcePathStyle: false, redirect: true, publicEndpoint: null });
    // Virtual-hosted addressing: the bucket is the host's first label, and the H5 app may load images from it.
    expect(storageImageOrigin(config.storage)).toBe('https://minqing-photos.oss-cn-beijing.aliyuncs.com');
  });

  it('names the address phones reach when the server reaches the store by another, and path-style addressing keeps the bucket out of the host', () => {
    const config = loadConfig({ ...oss(), S3_ENDPOINT: 'http://minio.internal:9000', S3_PUBLIC_ENDPOINT: 'https://oss.example.cn/', S3_FORCE_PATH_STYLE: 'true' });
    expect(config.storage).toMatchObject({ endpoint: 'http://minio.internal:9000', publicEndpoint: 'https://oss.example.cn', forcePathStyle: true });
    expect(storageImageOrigin(config.storage)).toBe('https://oss.example.cn');
    // A store phones cannot reach: the server serves the bytes, and no other image origin is allowed.
    expect(storageImageOrigin(loadConfig({ ...oss(), S3_PUBLIC_ENDPOINT: 'none' }).storage)).toBeNull();
  });

  it('refuses an unknown STORAGE and an object store without bucket or key, saying which setting', () => {
    expect(refusal({ STORAGE: 'nfs' })).toContain('STORAGE: "nfs" is neither directory');
    const missing = refusal({ STORAGE: 's3' });
    expect(missing).toContain('S3_BUCKET: required with STORAGE=s3');
    expect(missing).toContain('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: both required');
    expect(refusal({ ...oss(), S3_BUCKET: 'Photos_2026' })).toContain('S3_BUCKET: "Photos_2026" is not a bucket name');
    expect(refusal({ ...oss(), S3_ENDPOINT: 'oss-cn-beijing.aliyuncs.com' })).toContain('S3_ENDPOINT: "oss-cn-beijing.aliyuncs.com" is not an http(s):// address');
    expect(refusal({ ...oss(), S3_FORCE_PATH_STYLE: 'yes' })).toContain('S3_FORCE_PATH_STYLE: "yes" is neither true nor false');
  });

  it('accepts the test servers’ published keys outside production, never in it', () => {
    const demo = { ...oss(), S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'minioadmin', S3_SECRET_ACCESS_KEY: 'minioadmin' };
    expect(loadConfig(demo).storage.kind).toBe('s3');
    const refused = refusal({ ...production(), ...demo });
    expect(refused).toContain('S3_SECRET_ACCESS_KEY: a published default');
    expect(refused).toContain('S3_PUBLIC_ENDPOINT: photos would load from http://127.0.0.1:9000, which must be https:// in production');
    expect(refusal({ ...production(), ...oss(), S3_SECRET_ACCESS_KEY: 'short-secret' })).toContain('shorter than 20 characters');
    // A plain-http store inside the network is fine when the server serves the photos itself.
    expect(loadConfig({ ...production(), ...oss(), S3_ENDPOINT: 'http://minio.internal:9000', S3_PUBLIC_ENDPOINT: 'none' }).storage.kind).toBe('s3');
  });

  it('says at boot that directory storage serves one instance when the database is made for several', () => {
    const directory = { kind: 'directory' as const, dir: '/srv/uploads' };
    expect(storageBootWarning(directory, { type: 'mysql' })).toContain('a photo uploaded through one is not found by the others');
    expect(storageBootWarning(directory, { type: 'sqlite' })).toBeNull();
    expect(storageBootWarning(loadConfig({ ...oss(), DATABASE_URL: 'mysql://u:p@db:3306/mq' }).storage, { type: 'mysql' })).toBeNull();
  });
});
