// `npm start`: the product on its embedded default — SQLite under ./data, the WeChat simulator in
// process, the demo organisations — serving the H5 mini-program, the API and the public pages.
import { spawn } from 'node:child_process';
import { ROOT, mustRun } from './lib.mjs';

const port = Number(process.env.PORT ?? 3000);
const base = process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`;

await mustRun('build what the demo needs', 'node', ['scripts/build.mjs', '--only-stale', 'h5']);

const databaseUrl = process.env.DATABASE_URL ?? 'sqlite:./data/app.db';
const server = spawn('node', ['server/dist/main.js'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    DATABASE_URL: databaseUrl,
    WECHAT_MODE: 'simulator',
    DEMO_SEED: 'true',
    ...process.env,
    PORT: String(port),
    PUBLIC_BASE_URL: base,
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

// Tell the person what to open once the server answers (on the address it listens on: loopback
// unless HOST names one; every interface includes loopback).
const host = process.env.HOST || '127.0.0.1';
const probeHost = ['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
for (let i = 0; i < 120; i++) {
  await new Promise((r) => setTimeout(r, 500));
  const ok = await fetch(`http://${probeHost}:${port}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!ok) continue;
  console.log(`
  民情一码通 is running (${databaseUrl.replace(/\/\/[^@]*@/, '//***@')}, WeChat simulator, demo mines cy 赤峪煤矿 and xq 西曲矿)

  Submit form (H5) ........ ${base}/
  A sticker's landing ..... ${base}/q/cy/dorm2   (2号宿舍楼)   ${base}/q/cy/bath   (职工澡堂)
  API docs ................ ${base}/api/docs
  Health .................. ${base}/api/health

  Log in on the H5 login page by picking a demo user, or with the API:
    curl -s -X POST ${base}/api/auth/wx-login -H 'content-type: application/json' -d '{"code":"test:worker_duanwei"}'
  Workers: worker_duanwei, worker_liyunfang, worker_yuanyongjian, worker_huangzhanchao (any other openid is a new worker)
  Staff:   cy_admin, cy_office (党群工作部), cy_secretary (党委书记), cy_leader, cy_logistics, cy_payroll; xq_admin
  Subscription messages the simulator received: ${base}/__sim/messages?touser=<openid>

  ${
    host !== '127.0.0.1'
      ? `Listening on ${host}: anyone who reaches this machine can log in as any demo user.`
      : 'Listening on 127.0.0.1 only (this is the demo: anyone can log in as anyone); HOST=0.0.0.0 npm start opens it to the network.'
  }
`);
  break;
}
