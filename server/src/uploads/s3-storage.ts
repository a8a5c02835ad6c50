// Uploaded files in an S3-compatible object store (AWS S3, Aliyun OSS, Tencent COS, MinIO, Ceph…),
// shared by every instance of the server: a photo uploaded through one is read through any other.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Logger } from '@nestjs/common';
import type { S3StorageConfig } from '../config/storage-config.js';
import { DomainError } from '../common/domain-error.js';
import { checkedKey, type FileStorage, type StorageHealth } from './file-storage.js';

/** A key no upload ever has (the server's keys never start with a dot): HEAD of it answers 404 from a store that is there and takes our key. */
const PROBE_KEY = '.health-probe';
/** How long /api/health waits for the store, as for the database. */
const PROBE_MS = 2000;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export class S3Storage implements FileStorage {
  private readonly client: S3Client;
  /** Signs the URLs phones follow: with the address they reach the store at, which the signature covers. */
  private readonly signer: S3Client | null;
  private readonly logger = new Logger('S3Storage');

  constructor(private readonly config: S3StorageConfig) {
    const options = {
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // Checksums only where S3 requires them: many S3-compatible stores (older MinIO, Ceph, OSS) refuse
      // the aws-chunked uploads with trailing CRC32 that the SDK sends by default since 3.729.
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
    };
    this.client = new S3Client({
      ...options,
      endpoint: config.endpoint ?? undefined,
      // A store that stops answering fails the request (503) well within REQUEST_TIMEOUT_MS (15 s by
      // default): two tries of at most 2 s to connect and 5 s to answer (a 2 MB photo on a LAN takes far less).
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 2000, requestTimeout: 5000 },
    });
    this.signer = !config.redirect ? null : config.publicEndpoint ? new S3Client({ ...options, endpoint: config.publicEndpoint }) : this.client;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const extension = key.split('.').pop() ?? '';
    // One PUT: the store keeps the whole object or nothing, so there is never half a photo under the key.
    await this.call('put', () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: checkedKey(key),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
        }),
      ),
    );
  }

  async get(key: string): Promise<Buffer> {
    const object = await this.call('get', () => this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: checkedKey(key) })));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  async remove(key: string): Promise<void> {
    // S3 answers 204 for a key that is not there: one already gone is no error.
    await this.call('remove', () => this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: checkedKey(key) })));
  }

  /** A single PUT is never left half-written in S3, and multipart uploads are not used: nothing to remove. */
  removeLeftovers(): Promise<number> {
    return Promise.resolve(0);
  }

  async health(): Promise<StorageHealth> {
    let reachable: boolean;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: PROBE_KEY }), { abortSignal: AbortSignal.timeout(PROBE_MS) });
      reachable = true;
    } catch (error) {
      // 404: the bucket is there and our key may read it. 403 (a wrong key), 5xx, a refused connection: not.
      reachable = error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
    }
    // An object store has no free space to tell, and no full disk to remember.
    return { freeBytes: null, lastWriteFull: false, reachable };
  }

  async signedReadUrl(key: string, { now, expiresInSeconds }: { now: Date; expiresInSeconds: number }): Promise<string | null> {
    if (!this.signer) return null;
    return getSignedUrl(this.signer, new GetObjectCommand({ Bucket: this.config.bucket, Key: checkedKey(key) }), { expiresIn: expiresInSeconds, signingDate: now });
  }

  /** The store's answer; a key not there is 404, any failure of the store itself STORAGE_UNAVAILABLE (503, try again). */
  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
      if (what === 'get' && (status === 404 || (error as Error).name === 'NoSuchKey')) throw DomainError.notFound();
      // The reason goes to the log (a wrong key, a missing bucket, the store down); the person gets the retry message.
      this.logger.error(`object store ${what} failed: ${(error as Error).name} ${status ?? ''} ${(error as Error).message}`);
      throw new DomainError('STORAGE_UNAVAILABLE');
    }
  }
}
