// Starts the built product the way `npm start` runs it — server/dist/main.js on a throwaway SQLite
// file, the WeChat simulator, the demo organisations, the H5 build served at / — on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_START_MS } from './time-budget.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DemoServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would: nothing is flushed, nothing cleaned up. */
  kill(): Promise<void>;
}

export interface DemoServerOptions {
  /** Reuse a port and a data directory: a restart of the same server. */
  port?: number;
  dataDir?: string;
  /** Another database than the SQLite file in the data directory (a MariaDB test database). */
  databaseUrl?: string;
  env?: Record<string, string>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mq-demo-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn('node', [path.join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: baseUrl,
      DATABASE_URL: options.databaseUrl ?? `sqlite:${path.join(dataDir, 'app.db')}`,
      UPLOAD_DIR: path.join(dataDir, 'uploads'),
      H5_DIR: path.join(ROOT, 'miniprogram/dist/h5'),
      WECHAT_MODE: 'simulator',
      DEMO_SEED: 'true',
      // The browser tests all come from 127.0.0.1.
      THROTTLE_LOGIN_PER_MINUTE: '100000',
      THROTTLE_PUBLIC_PER_MINUTE: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  // Seconds here, but a busy machine may take many times that: the limit is SERVER_START_MS, not a count of tries.
  const deadline = Date.now() + SERVER_START_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the server did not answer in ${SERVER_START_MS / 1000} s:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    port,
    dataDir,
    output: () => log,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
