// `npm run build`: the contract, the server, and the mini-program (H5 for the server to serve,
// weapp for WeChat DevTools). `--only-stale` skips a mini-program build that is newer than its sources.
import path from 'node:path';
import { ROOT, isStale, mustRun } from './lib.mjs';

const onlyStale = process.argv.includes('--only-stale');
const targets = process.argv.filter((a) => ['h5', 'weapp', 'none'].includes(a));
const miniTargets = targets.length ? targets.filter((t) => t !== 'none') : ['h5', 'weapp'];

await mustRun('build shared/ (the contract)', 'npm', ['run', 'build', '-w', 'shared', '--silent']);
await mustRun('build server/', 'npm', ['run', 'build', '-w', 'server', '--silent']);
for (const type of miniTargets) {
  const marker = path.join(ROOT, 'miniprogram', 'dist', type, type === 'h5' ? 'index.html' : 'app.json');
  if (onlyStale && !isStale(marker, ['miniprogram/src', 'miniprogram/config', 'shared/src'])) {
    console.log(`✔ mini-program ${type} build is up to date`);
    continue;
  }
  await mustRun(`build mini-program (${type})`, 'npm', ['run', `build:${type}`, '-w', 'miniprogram', '--silent']);
}
