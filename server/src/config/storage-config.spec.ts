import { randomBytes } from 'node:crypto';
import { loadConfig } from './app-config.js';
import { storageBootWarning, storageConfig, storageImageOrigin, type StorageConfig } from './storage-config.js';

/** The storage these settings give and the problems they raise (production: why this process is production). */
function parse(env: Record<string, string>, production: string | null = null): { storage: StorageConfig; problems: string } {
  const problems: string[] = [];
  const storage = storageConfig(env, '/srv/uploads', production, problems);
  return { storage, problems: problems.join('\n') };
}
const PRODUCTION = 'NODE_ENV=production';

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
  it('keeps photos in UPLOAD_DIR by default, and a bad storage setting stops the boot', () => {
    const config = loadConfig({ UPLOAD_DIR: '/var/lib/minqing/uploads' });
    expect(config.storage).toEqual({ kind: 'directory', dir: '/var/lib/minqing/uploads' });
    expect(storageImageOrigin(config.storage)).toBeNull();
    expect(() => loadConfig({ STORAGE: 's3' })).toThrow('S3_BUCKET: required with STORAGE=s3');
  });

  it('takes an object store in production with a real key and an https address', () => {
    const { storage, problems } = parse(oss(), PRODUCTION);
    expect(problems).toBe('');
    expect(storage).toMatchObject({ kind: 's3', bucket: 'minqing-photos', region: 'cn-beijing', forcePathStyle: false, redirect: true, publicEndpoint: null });
    // Virtual-hosted addressing: the bucket is the host's first label, and the H5 app may load images from it.
    expect(storageImageOrigin(storage)).toBe('https://minqing-photos.oss-cn-beijing.aliyuncs.com');
  });

  it('names the address phones reach when the server reaches the store by another, and path-style addressing keeps the bucket out of the host', () => {
    const { storage } = parse({ ...oss(), S3_ENDPOINT: 'http://minio.internal:9000', S3_PUBLIC_ENDPOINT: 'https://oss.example.cn/', S3_FORCE_PATH_STYLE: 'true' });
    expect(storage).toMatchObject({ endpoint: 'http://minio.internal:9000', publicEndpoint: 'https://oss.example.cn', forcePathStyle: true });
    expect(storageImageOrigin(storage)).toBe('https://oss.example.cn');
    // A store phones cannot reach: the server serves the bytes, and no other image origin is allowed.
    expect(storageImageOrigin(parse({ ...oss(), S3_PUBLIC_ENDPOINT: 'none' }).storage)).toBeNull();
  });

  it('refuses an unknown STORAGE and an object store without bucket or key, saying which setting', () => {
    expect(parse({ STORAGE: 'nfs' }).problems).toContain('STORAGE: "nfs" is neither directory');
    const missing = parse({ STORAGE: 's3' }).problems;
    expect(missing).toContain('S3_BUCKET: required with STORAGE=s3');
    expect(missing).toContain('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: both required');
    expect(parse({ ...oss(), S3_BUCKET: 'Photos_2026' }).problems).toContain('S3_BUCKET: "Photos_2026" is not a bucket name');
    expect(parse({ ...oss(), S3_ENDPOINT: 'oss-cn-beijing.aliyuncs.com' }).problems).toContain('S3_ENDPOINT: "oss-cn-beijing.aliyuncs.com" is not an http(s):// address');
    expect(parse({ ...oss(), S3_FORCE_PATH_STYLE: 'yes' }).problems).toContain('S3_FORCE_PATH_STYLE: "yes" is neither true nor false');
  });

  it('accepts the test servers’ published keys outside production, never in it', () => {
    const demo = { ...oss(), S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'minioadmin', S3_SECRET_ACCESS_KEY: 'minioadmin' };
    expect(parse(demo).problems).toBe('');
    const refused = parse(demo, PRODUCTION).problems;
    expect(refused).toContain('S3_SECRET_ACCESS_KEY: a published default');
    expect(refused).toContain('S3_PUBLIC_ENDPOINT: photos would load from http://127.0.0.1:9000, which must be https:// in production');
    expect(parse({ ...oss(), S3_SECRET_ACCESS_KEY: 'short-secret' }, PRODUCTION).problems).toContain('shorter than 20 characters');
    // A plain-http store inside the network is fine when the server serves the photos itself.
    expect(parse({ ...oss(), S3_ENDPOINT: 'http://minio.internal:9000', S3_PUBLIC_ENDPOINT: 'none' }, PRODUCTION).problems).toBe('');
  });

  it('says at boot that directory storage serves one instance when the database is made for several', () => {
    const directory = parse({}).storage;
    expect(storageBootWarning(directory, { type: 'mysql' })).toContain('a photo uploaded through one is not found by the others');
    expect(storageBootWarning(directory, { type: 'sqlite' })).toBeNull();
    expect(storageBootWarning(parse(oss()).storage, { type: 'mysql' })).toBeNull();
  });
});
