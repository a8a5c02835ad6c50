// npm run bench: builds what is missing, then every benchmark in turn; each prints its figures and
// writes bench/results/<name>.json. Needs MariaDB (BENCH_MYSQL_URL or TEST_MYSQL_URL, default
// mariadb://root@127.0.0.1:3306/test) and Debian's chromium. Not part of npm test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.mjs';

const step = (label, command, args, env = {}) => {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed (${result.status})`);
    process.exitCode = 1;
  }
};

step('build shared/ and server/', 'node', ['scripts/build.mjs', 'none']);
if (!fs.existsSync(path.join(ROOT, 'miniprogram/dist/weapp/app.json'))) step('build weapp', 'npm', ['run', 'build:weapp', '-w', 'miniprogram', '--silent']);
if (!fs.existsSync(path.join(ROOT, 'miniprogram/dist/h5/index.html'))) step('build H5', 'npm', ['run', 'build:h5', '-w', 'miniprogram', '--silent']);
for (const bench of ['start', 'miniprogram', 'submit', 'report', 'reports-scale', 'export']) step(`bench ${bench}`, 'node', [`bench/${bench}.mjs`]);
// The sticker link on an older phone (CPU 4× slower) with a weak signal: a step of its own, run last so the
// machine is as quiet as the others leave it.
step('bench first-paint', 'node', ['bench/first-paint.mjs']);
