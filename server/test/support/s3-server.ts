// An S3-compatible server on a free loopback port, started and stopped by the test that needs it:
// @20minutes/s3rver, the maintained fork of s3rver (Node 20+; it checks AWS Signature V4 on object
// requests and presigned URLs, where the original s3rver 3.x accepts any signature). Objects live in
// a temporary directory, which survives a stop so that a restart finds them again (a store that was down).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';

/** The server's only account (its published test key: never accepted in production). */
const KEY = 'S3RVER';

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** STORAGE=s3 settings that point the app at this server. */
  env: Record<string, string>;
  /** The keys stored in the bucket, read from the server's own directory. */
  keys(): string[];
  /** Takes the store away (connections refused) and brings it back on the same port, objects kept. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startS3Server(bucket = 'photos'): Promise<TestS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-s3-'));
  let port = 0;
  let server: S3rver | null = null;
  const start = async () => {
    server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: bucket }] });
    port = (await server.run()).port;
  };
  const stop = async () => {
    if (!server) return;
    const closing = server.close();
    // The SDK keeps its connections alive: close them, or close() waits for them.
    server.httpServer?.closeAllConnections();
    await closing;
    server = null;
  };
  await start();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: { STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: KEY, S3_SECRET_ACCESS_KEY: KEY, S3_FORCE_PATH_STYLE: 'true' },
    keys: () => {
      const dir = path.join(directory, bucket);
      const suffix = '._S3rver_object';
      return fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((n) => n.endsWith(suffix))
            .map((n) => n.slice(0, -suffix.length))
        : [];
    },
    stop,
    start,
    async close() {
      await stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
