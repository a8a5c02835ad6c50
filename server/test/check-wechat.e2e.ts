// `npm run check:wechat` against the simulator standing in for the real WeChat: a mine set up completely
// gets a complete report of ✓ (and — for what only a person can check); each thing an IT person gets
// wrong gets its ✗ and the advice to fix it; without credentials it explains itself and exits non-zero.
// The server it checks is the real product (serving the link-QR verification file) behind an HTTPS
// front with a throwaway certificate, since the checker, like production, takes only https. SQLite only:
// the checker reads the configuration and WeChat, never the database.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkWechat, type CheckReport, type CheckStatus } from '../src/cli/check-wechat-checks.js';
import { REPO_ROOT } from '../src/config/app-config.js';
import { officialMenu } from '../src/reports/official-menu.controller.js';
import { generatePayKeys } from '../src/wechat/simulator/pay-simulator.js';
import { startWechatSimulator, type WechatSimulator } from '../src/wechat/simulator/wechat-simulator.js';
import { callWechatJson, WechatApiClient } from '../src/wechat/wechat-api.client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { SETUP_MS } from './support/time-budget.js';

const APPID = 'wxc0a1mine0000real';
const SECRET = 'mini-program-app-secret-0123456789';
const OA = { appid: 'wxoa0000000000cymn', secret: 'official-account-secret-987654' };
const VERIFY = { name: 'Gm7pQ2xL9w.txt', content: '9b3e2f0c41d5a6e7b8c9d0e1f2a3b4c5' };
const TEMPLATES = {
  WECHAT_TEMPLATE_ACCEPTED: { id: 'lib-accepted-01', keys: ['character_string19', 'thing7', 'phrase3', 'date2'] },
  WECHAT_TEMPLATE_PROGRESS: { id: 'lib-progress-02', keys: ['character_string1', 'thing2', 'time3'] },
  WECHAT_TEMPLATE_REPLIED: { id: 'lib-replied-03', keys: ['character_string1', 'thing2', 'phrase3', 'time4'] },
  WECHAT_TEMPLATE_TODO: { id: 'lib-todo-04', keys: ['thing1', 'character_string2', 'time3', 'thing4'] },
};
const CHECKER = path.join(REPO_ROOT, 'server/dist/cli/check-wechat.js');

/** The CLI as `npm run check:wechat` runs it (asynchronously: the simulator it calls lives in this process). */
function cli(cliEnv: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [CHECKER], { env: { PATH: process.env.PATH!, ...cliEnv }, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

let app: TestApp;
let simulator: WechatSimulator;
let front: https.Server;
let dir: string;
let ca: string;
let env: Record<string, string>;

/** A self-signed certificate for 127.0.0.1 and an HTTPS front passing every request on to the product. */
async function httpsFront(target: string): Promise<https.Server> {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')].concat([
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]),
    { stdio: 'ignore' },
  );
  ca = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: ca }, (req, res) => {
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-check-wechat-'));
  app = await startTestApp('sqlite', { WECHAT_LINK_QR_VERIFY_FILE: `${VERIFY.name}:${VERIFY.content}` });
  front = await httpsFront(app.baseUrl);
  const base = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const keys = generatePayKeys('1900000777', APPID);
  simulator = await startWechatSimulator({
    appid: APPID,
    secret: SECRET,
    templates: Object.values(TEMPLATES),
    officialAccounts: [{ ...OA, certified: true, linkedMiniPrograms: [APPID] }],
    pay: keys,
    serverDomains: { requestdomain: [base], uploaddomain: [base], downloaddomain: [base] },
  });
  fs.writeFileSync(path.join(dir, 'apiclient_key.pem'), keys.merchantPrivateKey);
  fs.writeFileSync(path.join(dir, 'pub_key.pem'), keys.platformPublicKey);
  env = {
    WECHAT_MODE: 'real',
    WECHAT_APPID: APPID,
    WECHAT_SECRET: SECRET,
    WECHAT_API_BASE: simulator.baseUrl,
    PUBLIC_BASE_URL: base,
    TOKEN_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('base64'),
    ...Object.fromEntries(Object.entries(TEMPLATES).map(([name, t]) => [name, `${t.id}:${t.keys.join(',')}`])),
    WECHAT_OFFICIAL_ACCOUNTS: `cy=${OA.appid}:${OA.secret}`,
    WECHAT_LINK_QR_VERIFY_FILE: `${VERIFY.name}:${VERIFY.content}`,
    WXPAY_MCHID: keys.mchid,
    WXPAY_SERIAL: keys.merchantSerial,
    WXPAY_PRIVATE_KEY_FILE: path.join(dir, 'apiclient_key.pem'),
    WXPAY_PUBLIC_KEY_ID: keys.platformSerial,
    WXPAY_PUBLIC_KEY_FILE: path.join(dir, 'pub_key.pem'),
    WXPAY_APIV3_KEY: keys.apiV3Key,
    WXPAY_API_BASE: simulator.baseUrl,
  };
  // The mine's administrator has set the menu (the product's own menu, with the 公众号's own token).
  await new WechatApiClient({ baseUrl: simulator.baseUrl, ...OA }).createMenu(officialMenu('cy', APPID, base));
}, SETUP_MS);

afterAll(async () => {
  await new Promise((resolve) => front?.close(resolve));
  await simulator?.close();
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const statuses = (report: CheckReport): Record<string, CheckStatus> => Object.fromEntries(report.items.map((i) => [i.id, i.status]));
const item = (report: CheckReport, id: string) => report.items.find((i) => i.id === id)!;
const run = (overrides: Record<string, string | undefined>) => checkWechat({ ...env, ...overrides }, { ca });

/** Everything a mine sets up; — are the items WeChat gives no read-only API for. */
const COMPLETE: Record<string, CheckStatus> = {
  'public-base-url': 'ok',
  miniprogram: 'ok',
  domains: 'ok',
  'template:accepted': 'ok',
  'template:progress': 'ok',
  'template:replied': 'ok',
  'template:todo': 'ok',
  'env-version': 'ok',
  privacy: 'manual',
  'link-qr': 'ok',
  'official-account:cy': 'ok',
  'official-menu:cy': 'ok',
  pay: 'ok',
  transfer: 'manual',
  robots: 'manual',
};

describe('npm run check:wechat', () => {
  it('prints a complete report for a mine set up completely: every item ✓, the hand checks —, exit 0', async () => {
    const complete = await cli({ ...env, NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem') });
    expect(complete.stderr).toBe('');
    const marks = complete.stdout.split('\n').filter((line) => /^[✓✗—] /.test(line));
    expect(marks).toEqual([
      '✓ 服务器地址(https)  [PUBLIC_BASE_URL]',
      '✓ 小程序 AppID 与 AppSecret  [WECHAT_APPID, WECHAT_SECRET]',
      '✓ 小程序服务器域名  [PUBLIC_BASE_URL]',
      '✓ 订阅消息模板:诉求受理通知(给职工)  [WECHAT_TEMPLATE_ACCEPTED]',
      '✓ 订阅消息模板:诉求进展通知(给职工)  [WECHAT_TEMPLATE_PROGRESS]',
      '✓ 订阅消息模板:诉求答复通知(给职工)  [WECHAT_TEMPLATE_REPLIED]',
      '✓ 订阅消息模板:待办提醒(给工作人员)  [WECHAT_TEMPLATE_TODO]',
      '✓ 小程序码与消息打开的版本  [WECHAT_ENV_VERSION]',
      '— 用户隐私保护指引',
      '✓ 扫普通链接二维码打开小程序  [WECHAT_LINK_QR_VERIFY_FILE, PUBLIC_BASE_URL]',
      '✓ 公众号(cy)  [WECHAT_OFFICIAL_ACCOUNTS]',
      '✓ 公众号菜单(cy)  [WECHAT_OFFICIAL_ACCOUNTS]',
      expect.stringMatching(/^✓ 微信支付商家转账\(困难救助金\) {2}\[WXPAY_MCHID, /),
      expect.stringMatching(/^— 商家转账的场景与限额 {2}\[WXPAY_TRANSFER_SCENE_ID, /),
      '— 企业微信群机器人',
    ]);
    // What the ✓ rest on, as the IT person reads them.
    expect(complete.stdout).toContain('lib-accepted-01:诉求编号=character_string19,诉求内容=thing7,状态=phrase3,时间=date2');
    expect(complete.stdout).toContain('菜单打开本小程序:反映诉求、诉求公示');
    expect(complete.stdout).toContain('签名被接受(查询不存在的单号答 NOT_FOUND)');
    expect(complete.stdout).toContain('合计:✓ 12 项通过,✗ 0 项需要处理');
    expect(complete.status).toBe(0);
  });

  it('reports a wrong AppSecret with what to do, and exits 1', async () => {
    const report = await run({ WECHAT_SECRET: 'a-secret-that-was-reset-since-01' });
    expect(item(report, 'miniprogram')).toMatchObject({ status: 'fail', detail: expect.stringContaining('40125') });
    expect(item(report, 'miniprogram').detail).toContain('AppSecret 不对');
    // Without the mini-program's token the templates cannot be read: said so, not passed.
    expect(item(report, 'template:accepted')).toMatchObject({ status: 'fail', detail: expect.stringContaining('没有小程序的接口凭证') });
    expect(report.exitCode).toBe(1);

    const oa = await run({ WECHAT_OFFICIAL_ACCOUNTS: `cy=${OA.appid}:wrong-official-secret-000` });
    expect(item(oa, 'official-account:cy')).toMatchObject({ status: 'fail', advice: expect.stringContaining('WECHAT_OFFICIAL_ACCOUNTS') });
    expect(item(oa, 'official-account:cy').detail).toContain('40125');
    expect(oa.exitCode).toBe(1);
  });

  it('reports a server domain the mini-program may not reach', async () => {
    const base = env.PUBLIC_BASE_URL;
    const noUpload = await startWechatSimulator({ appid: APPID, secret: SECRET, serverDomains: { requestdomain: [base], downloaddomain: [base] } });
    try {
      const domains = item(await run({ WECHAT_API_BASE: noUpload.baseUrl }), 'domains');
      expect(domains).toMatchObject({ status: 'fail', detail: `uploadFile 合法域名里没有 ${base}:小程序传不了照片` });
      expect(domains.advice).toContain(`uploadFile 合法域名、downloadFile 合法域名 都填 ${base}`);
    } finally {
      await noUpload.close();
    }
  });

  it('reports a template id the mini-program has not picked, and one whose keys are not the template’s', async () => {
    const report = await run({
      WECHAT_TEMPLATE_TODO: 'never-picked:thing1,character_string2,time3,thing4',
      WECHAT_TEMPLATE_PROGRESS: `${TEMPLATES.WECHAT_TEMPLATE_PROGRESS.id}:character_string1,thing5,time3`,
    });
    expect(item(report, 'template:todo')).toMatchObject({ status: 'fail', detail: '模板 never-picked 不在小程序“我的模板”里' });
    expect(item(report, 'template:todo').advice).toContain('WECHAT_TEMPLATE_TODO=<模板ID>:<事项的key>,<诉求编号的key>,<截止时间的key>,<备注的key>');
    expect(item(await run({ WECHAT_TEMPLATE_REPLIED: undefined }), 'template:replied')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('未设置 WECHAT_TEMPLATE_REPLIED'),
    });
    const progress = item(report, 'template:progress');
    expect(progress.status).toBe('fail');
    expect(progress.detail).toContain('配置的 thing5(诉求内容)不在模板里');
    expect(progress.detail).toContain('模板的 thing2 没有配置');
    expect(statuses(report)).toEqual({ ...COMPLETE, 'template:todo': 'fail', 'template:progress': 'fail' });
    expect(report.exitCode).toBe(1);
  });

  it('reports a mine without a 公众号, and a 公众号 WeChat does not know', async () => {
    const none = await run({ WECHAT_OFFICIAL_ACCOUNTS: undefined });
    expect(item(none, 'official-accounts')).toMatchObject({ status: 'fail', advice: expect.stringContaining('WECHAT_OFFICIAL_ACCOUNTS=<矿代码>=<AppID>:<AppSecret>') });
    expect(none.exitCode).toBe(1);
    const unknown = await run({ WECHAT_OFFICIAL_ACCOUNTS: `cy=wxnotanaccount0000:${OA.secret}` });
    expect(item(unknown, 'official-account:cy')).toMatchObject({ status: 'fail', detail: expect.stringContaining('40013') });
  });

  it('reports a verification file the server does not serve', async () => {
    const report = await run({ WECHAT_LINK_QR_VERIFY_FILE: `Other9file0.txt:${VERIFY.content}` });
    expect(item(report, 'link-qr')).toMatchObject({ status: 'fail', detail: expect.stringContaining('/q/Other9file0.txt 答 302,没有校验文件') });
    expect(item(report, 'link-qr').advice).toContain('WECHAT_LINK_QR_VERIFY_FILE');
    expect(report.exitCode).toBe(1);
    // Not set at all: optional (mini-program-code stickers only), said so, not a failure.
    expect(item(await run({ WECHAT_LINK_QR_VERIFY_FILE: undefined }), 'link-qr')).toMatchObject({ status: 'skip', advice: expect.stringContaining('WECHAT_LINK_QR_VERIFY_FILE=') });
  });

  it('reports WeChat Pay keys of another merchant certificate (SIGN_ERROR)', async () => {
    const report = await run({ WXPAY_SERIAL: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' });
    expect(item(report, 'pay')).toMatchObject({ status: 'fail', detail: expect.stringContaining('401 SIGN_ERROR') });
    expect(item(report, 'pay').advice).toContain('WXPAY_SERIAL');
  });

  it('answers the read-only APIs with their owners’ tokens only: a 公众号 menu is not the mini-program’s (48001)', async () => {
    const token = await new WechatApiClient({ baseUrl: simulator.baseUrl, appid: APPID, secret: SECRET }).getAccessToken();
    await expect(callWechatJson(simulator.baseUrl, 5000, 'menu', `/cgi-bin/get_current_selfmenu_info?access_token=${token}`, { method: 'GET' })).rejects.toMatchObject({
      errcode: 48001,
    });
    const oaToken = await new WechatApiClient({ baseUrl: simulator.baseUrl, ...OA }).getAccessToken();
    await expect(callWechatJson(simulator.baseUrl, 5000, 'gettemplate', `/wxaapi/newtmpl/gettemplate?access_token=${oaToken}`, { method: 'GET' })).rejects.toMatchObject({
      errcode: 48001,
    });
  });

  it('without credentials explains what it needs and exits 2, without a stack trace', async () => {
    const bare = await cli({});
    expect(bare.status).toBe(2);
    expect(bare.stdout).toContain('没有配置真实微信');
    for (const setting of [
      'WECHAT_MODE=real',
      'WECHAT_APPID',
      'WECHAT_SECRET',
      'PUBLIC_BASE_URL',
      'WECHAT_TEMPLATE_ACCEPTED',
      'WECHAT_OFFICIAL_ACCOUNTS',
      'WXPAY_MCHID',
      'docs/wechat-go-live.md',
    ])
      expect(bare.stdout).toContain(setting);
    expect(`${bare.stdout}${bare.stderr}`).not.toMatch(/\n\s+at /);
    // A configuration the server itself would refuse (real WeChat over plain http): the server's own words, exit 1.
    const refused = await cli({ ...env, PUBLIC_BASE_URL: 'http://mine.example.cn' });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('服务器会拒绝启动');
    expect(refused.stdout).toContain('PUBLIC_BASE_URL');
  });
});
