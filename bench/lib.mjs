// Shared by the benchmarks: start the built product, make a throwaway MariaDB database, record figures.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import mysql from 'mysql2/promise';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function connectionOptions(url) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/** A database of its own on the MariaDB server; returns its URL and a function that drops it. */
export async function scratchDatabase(prefix) {
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = await mysql.createConnection(connectionOptions(MYSQL_URL));
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    connect: () => mysql.createPool({ ...connectionOptions(MYSQL_URL), database: name, connectionLimit: 20 }),
    drop: async () => {
      const c = await mysql.createConnection(connectionOptions(MYSQL_URL));
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

/** Starts server/dist/main.js (or another build's main.js: `main`); resolves once /api/health answers, with the time that took. */
export async function startServer(env = {}, nodeArgs = [], main = path.join(ROOT, 'server/dist/main.js')) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-bench-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn('node', [...nodeArgs, main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: baseUrl,
      WECHAT_MODE: 'simulator',
      DATABASE_URL: `sqlite:${path.join(dataDir, 'app.db')}`,
      UPLOAD_DIR: path.join(dataDir, 'uploads'),
      H5_DIR: path.join(ROOT, 'miniprogram/dist/h5'),
      DEMO_SEED: 'true',
      SCHEDULERS: 'off',
      LOG_FORMAT: 'text',
      // Every request comes from 127.0.0.1: limits that count (and cost) as in production but never refuse.
      THROTTLE_LOGIN_PER_MINUTE: '60000000',
      THROTTLE_PUBLIC_PER_MINUTE: '60000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (
      await fetch(`${baseUrl}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - started;
  return {
    baseUrl,
    readyMs,
    pid: child.pid,
    log: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function login(baseUrl, openid) {
  const response = await fetch(`${baseUrl}/api/auth/wx-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `test:${openid}` }),
  });
  return (await response.json()).token;
}

/**
 * /api/health asked every 20 ms, from a thread of its own, until `stop()`: the load generators beside it
 * (autocannon's connections, the submitters) keep the benchmark's own event loop busy, and a probe made
 * there would count that thread's waits in the server's answer (seen: 30–55 ms stalls of the benchmark's
 * loop while it submitted and sampled memory). `stop()` resolves with each probe's [start, latency] in ms,
 * the start on the clock of performance.timeOrigin + performance.now() (the same in every thread).
 */
export function healthProbe(baseUrl) {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    let running = true;
    parentPort.once('message', () => (running = false));
    (async () => {
      const probes = [];
      while (running) {
        const started = performance.now();
        await fetch(workerData + '/api/health').then((r) => r.arrayBuffer(), () => null);
        probes.push([performance.timeOrigin + started, performance.now() - started]);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      parentPort.postMessage(probes);
    })();`;
  const worker = new Worker(source, { eval: true, workerData: baseUrl });
  const done = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const probes = await done;
      await worker.terminate();
      return probes;
    },
  };
}

/** Prints the figures and writes them as bench/results/<name>.json. */
export function record(name, figures) {
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, at: new Date().toISOString() };
  const file = path.join(ROOT, 'bench/results', `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ name, machine, figures }, null, 2));
  console.log(`\n== ${name} ==`);
  for (const [key, value] of Object.entries(figures)) console.log(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);
}

export const ms = (value) => Math.round(value * 10) / 10;

/** The MariaDB server's process id on this machine, or null (not running here, or another name). */
export function databasePid() {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pid = execFileSync('pidof', ['-s', name], { encoding: 'utf8' }).trim();
      if (pid) return Number(pid);
    } catch {
      // not this name
    }
  }
  return null;
}

/**
 * Waits until the processes are quiet — under a tenth of a core each over a second — or `limitMs` passed;
 * resolves with how long that took. A step's load leaves work behind it (InnoDB's purge and page flushes
 * after the thousands of rows a report's draft writes, the server's collector), and whatever is measured
 * next would pay for it: measured right after a draft, the month report's p99 was 26 ms against 9.7 raw,
 * and 13–14 ms against 11.5–12.3 raw on a quiet one (the same build, the same data).
 */
export async function settle(pids, limitMs = 60_000) {
  const started = performance.now();
  const alive = pids.filter((pid) => pid && fs.existsSync(`/proc/${pid}/stat`));
  for (;;) {
    const before = alive.map(cpuMs);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busiest = Math.max(0, ...alive.map((pid, i) => cpuMs(pid) - before[i]));
    if (busiest < 100 || performance.now() - started > limitMs) return ms(performance.now() - started);
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux): steadier than req/s on a shared machine. */
export function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms (USER_HZ 100)
}
