// Where uploaded files live (STORAGE): a directory of this server's disk, the default, or an
// S3-compatible object store shared by every instance. Read and checked at boot with the rest of the
// configuration; documented in docs/storage.md.
import path from 'node:path';
import { flag } from './env-flag.js';

export type StorageConfig = DirectoryStorageConfig | S3StorageConfig;

export interface DirectoryStorageConfig {
  kind: 'directory';
  /** UPLOAD_DIR: one server's disk (or one directory every instance mounts). */
  dir: string;
}

export interface S3StorageConfig {
  kind: 's3';
  /** Where this server reaches the store; null: AWS's own endpoint for the region. */
  endpoint: string | null;
  /** Where phones and browsers reach it (S3_PUBLIC_ENDPOINT), when that is not the endpoint; null: the endpoint. */
  publicEndpoint: string | null;
  /**
   * Photos are fetched from the store by a presigned URL the server redirects to; false
   * (S3_PUBLIC_ENDPOINT=none, a store phones cannot reach): the server streams the bytes itself.
   */
  redirect: boolean;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (`<endpoint>/<bucket>/<key>`), as MinIO and most self-hosted stores need. */
  forcePathStyle: boolean;
}

type Env = Record<string, string | undefined>;

/** Credentials published by S3-compatible servers' documents and test servers: never accepted in production. */
const PUBLISHED_S3_SECRETS = new Set(['minioadmin', 'minio123', 'S3RVER', 'secret', 'password', 'changeme', 'test', 'testtest', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);
const PUBLISHED_S3_KEY_IDS = new Set(['minioadmin', 'S3RVER', 'AKIAIOSFODNN7EXAMPLE', 'test']);
/** Below this a secret is guessable; AWS's are 40 characters, Aliyun OSS's 30, Tencent COS's 32. */
const MIN_SECRET_LENGTH = 20;

/** S3's bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), which Aliyun OSS, Tencent COS and MinIO share. */
const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function endpointUrl(env: Env, name: string, problems: string[]): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) throw new Error('not a plain address');
    return raw.replace(/\/$/, '');
  } catch {
    problems.push(`${name}: "${raw}" is not an http(s):// address without user, ?query or #fragment (e.g. https://oss-cn-beijing.aliyuncs.com)`);
    return null;
  }
}

/**
 * STORAGE and its settings. `production` is the reason this process counts as production (null for
 * the demo and tests): then the store's credentials must be real ones and the address phones load
 * photos from must be https (WeChat loads nothing else; an https page blocks http images).
 */
export function storageConfig(env: Env, uploadDir: string, production: string | null, problems: string[]): StorageConfig {
  const kind = env.STORAGE?.trim() || 'directory';
  if (kind === 'directory') return { kind, dir: uploadDir };
  if (kind !== 's3') {
    problems.push(`STORAGE: "${kind}" is neither directory (this server's disk, UPLOAD_DIR) nor s3 (an S3-compatible object store, S3_*)`);
    return { kind: 'directory', dir: uploadDir };
  }
  const endpoint = endpointUrl(env, 'S3_ENDPOINT', problems);
  const publicRaw = env.S3_PUBLIC_ENDPOINT?.trim();
  const redirect = publicRaw !== 'none';
  const publicEndpoint = redirect && publicRaw ? endpointUrl(env, 'S3_PUBLIC_ENDPOINT', problems) : null;
  const region = env.S3_REGION?.trim() || 'us-east-1';
  if (!/^[a-z0-9-]{2,40}$/.test(region)) problems.push(`S3_REGION: "${region}" is not a region name (e.g. us-east-1, cn-beijing, ap-guangzhou)`);
  const bucket = env.S3_BUCKET?.trim() ?? '';
  if (!bucket) problems.push('S3_BUCKET: required with STORAGE=s3 (the bucket photos go to; create it first)');
  else if (!BUCKET_NAME.test(bucket)) problems.push(`S3_BUCKET: "${bucket}" is not a bucket name (3–63 lowercase letters, digits, dots and hyphens)`);
  const accessKeyId = env.S3_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY ?? '';
  if (!accessKeyId || !secretAccessKey)
    problems.push('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: both required with STORAGE=s3 (a key allowed to read, write and delete in the bucket)');
  if (production && accessKeyId && secretAccessKey) {
    if (PUBLISHED_S3_SECRETS.has(secretAccessKey) || PUBLISHED_S3_KEY_IDS.has(accessKeyId) || secretAccessKey.length < MIN_SECRET_LENGTH)
      problems.push(
        `S3_SECRET_ACCESS_KEY: a published default (minioadmin, S3RVER, AWS's example) or shorter than ${MIN_SECRET_LENGTH} characters cannot guard workers' photos in production (${production})`,
      );
  }
  const config: S3StorageConfig = {
    kind,
    endpoint,
    publicEndpoint,
    redirect,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: flag(env, 'S3_FORCE_PATH_STYLE', false, problems),
  };
  const origin = storageImageOrigin(config);
  if (production && origin && !origin.startsWith('https://'))
    problems.push(
      `S3_PUBLIC_ENDPOINT: photos would load from ${origin}, which must be https:// in production (${production}): phones load them from there (or set S3_PUBLIC_ENDPOINT=none and the server serves them)`,
    );
  return config;
}

/**
 * The origin images are loaded from besides the server's own (for the H5 app's img-src), or null.
 * With virtual-hosted addressing the bucket is the first label of the host.
 */
export function storageImageOrigin(storage: StorageConfig): string | null {
  if (storage.kind !== 's3' || !storage.redirect) return null;
  const base = new URL(storage.publicEndpoint ?? storage.endpoint ?? `https://s3.${storage.region}.amazonaws.com`);
  if (!storage.forcePathStyle) base.hostname = `${storage.bucket}.${base.hostname}`;
  return base.origin;
}

/**
 * What the server says at boot about where files live: photos on one server's disk are seen by that
 * server only, so a database made for several instances (MariaDB/MySQL) with directory storage is
 * worth a warning (one instance, or one directory mounted by all, is fine).
 */
export function storageBootWarning(storage: StorageConfig, database: { type: string }): string | null {
  if (storage.kind !== 'directory' || database.type === 'sqlite') return null;
  return (
    `STORAGE=directory keeps photos in ${path.resolve(storage.dir)} on this server: with several instances behind a load balancer, ` +
    'a photo uploaded through one is not found by the others. Run one instance, mount one shared directory as UPLOAD_DIR on all, or set STORAGE=s3.'
  );
}
