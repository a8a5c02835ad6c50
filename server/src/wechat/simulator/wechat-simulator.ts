// The WeChat simulator the project ships: an HTTP server on loopback answering the
// endpoints the product uses with WeChat's real request and response shapes, error codes and limits,
// and recording what it received so a test can ask what reached whom.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import sharp from 'sharp';
import type { MenuButton } from '../wechat-api.client.js';
import { DEFAULT_REVIEW_WORDS, DEFAULT_RISKY_WORDS, judgeContent } from './content-rules.js';
import { menuAccountError, menuError, type SimulatedOfficialAccount } from './menu-rules.js';
import { createPaySimulator, type PayKeys, type PaySimulatorControls } from './pay-simulator.js';
import { readOnlyRoutes, type ReadOnlySimulatorOptions } from './read-only-routes.js';
import { invalidTemplateKey } from './template-rules.js';

export interface WechatSimulatorOptions extends ReadOnlySimulatorOptions {
  port?: number;
  host?: string;
  appid?: string;
  secret?: string;
  tokenTtlSeconds?: number;
  riskyWords?: string[];
  reviewWords?: string[];
  /** WeChat Pay's keys (the merchant's public key, the platform's key pair, the APIv3 key): enables 商家转账. */
  pay?: PayKeys;
  /**
   * The subscription templates the mini-program has picked (其 id and keyword keys, as its 订阅消息 page lists
   * them). Given, a send to another template is 40037 and one missing a template key 47003; not given, any id.
   */
  templates?: { id: string; keys: string[] }[];
  /**
   * The pages of the mini-program's released version (as its app.json lists them). Given, a message for
   * the formal version whose page is not among them is refused 41030; not given, any page.
   */
  releasedPages?: string[];
  /** 公众号 the simulated WeChat knows besides the mini-program: their tokens can set their menus. */
  officialAccounts?: SimulatedOfficialAccount[];
}

export interface ReceivedRequest {
  api: string;
  query: Record<string, string>;
  body: unknown;
  at: string;
}

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  at: string;
}

/** A markdown message a 企业微信 group robot posted into its group. */
export interface RobotMessage {
  key: string;
  content: string;
  at: string;
}

export interface SimulatorRecords {
  messagesTo(openid: string): SentMessage[];
  robotMessages(key?: string): RobotMessage[];
  received(): ReceivedRequest[];
  /** The menu an official account holds (by default the one set last, whichever account). */
  menu(appid?: string): { button: MenuButton[] } | null;
  clear(): void;
}

export interface WechatSimulator {
  baseUrl: string;
  records: SimulatorRecords;
  /**
   * A login code as wx.login gives one to this openid: good once, for 5 minutes (`ageMs`: issued that long
   * ago). The demo's `test:<openid>` codes are the one stated exception: reusable, never expiring.
   */
  loginCode(openid: string, options?: { ageMs?: number }): string;
  /** msg_sec_check's calls a minute (WeChat's: 4000); beyond, 45009. null: WeChat's own quota again. */
  limitContentChecks(perMinute: number | null): void;
  /** The simulated WeChat's clock for its per-minute limits and code lifetimes (null: real time), to follow a test's moved clock. */
  setNow(now: Date | null): void;
  /** Invalidate every access token, as when WeChat rotates them. */
  expireTokens(): void;
  /** The next subscription message to this openid fails with this errcode (e.g. 43101, no credit). */
  refuseNext(openid: string, errcode: number): void;
  /**
   * The person's phone answering `wx.requestSubscribeMessage` (WeChat's client, not the server, tells WeChat):
   * each template answered `accept` gives one credit for one message (at most 3 templates a prompt). The
   * mini-program posts the same answers to the product separately.
   */
  acceptSubscriptions(openid: string, answers: Record<string, string>): void;
  /** The one-time credits WeChat holds for this person and template (what a send may still spend). */
  creditsOf(openid: string, templateId: string): number;
  /**
   * Makes a share of subscription sends fail before WeChat takes them: answered `-1 system error`, or
   * left hanging past the client's timeout. Seeded, so a test sees the same failures every run.
   */
  failSends(options: { rate: number; timeoutShare?: number; hangMs?: number; seed?: number } | null): void;
  /** WeChat Pay's side, when it was given keys. */
  pay: PaySimulatorControls | null;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
interface Reply {
  status?: number;
  json?: Json;
  jpeg?: Buffer;
}

const ERRMSG: Record<number, string> = {
  40001: 'invalid credential, access_token is invalid or not latest',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  41030: 'invalid page',
  40037: 'invalid template_id',
  40163: 'code been used',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40169: 'invalid length for scene, or the data is not json',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  47001: 'data format error',
  48001: 'api unauthorized',
  85005: 'appid not bind weapp',
  47003: 'argument invalid!',
  40008: 'invalid message type',
  40058: 'markdown.content exceed max length 4096',
  93000: 'invalid webhook url',
  45009: 'api freq out of limit',
};

const error = (errcode: number, detail?: string): Reply => ({ json: { errcode, errmsg: detail ? `${ERRMSG[errcode]} ${detail}` : ERRMSG[errcode] } });

export async function startWechatSimulator(options: WechatSimulatorOptions = {}): Promise<WechatSimulator> {
  const appid = options.appid ?? 'wxsimulator0000001';
  const secret = options.secret ?? 'simulator-secret';
  const ttl = options.tokenTtlSeconds ?? 7200;
  const risky = options.riskyWords ?? DEFAULT_RISKY_WORDS;
  const review = options.reviewWords ?? DEFAULT_REVIEW_WORDS;

  const tokens = new Map<string, { expiry: number; appid: string }>();
  const stableTokens = new Map<string, string>(); // appid → its current stable token
  const officialAccounts = new Map((options.officialAccounts ?? []).map((a) => [a.appid, a]));
  const secrets = new Map<string, string>([[appid, secret], ...[...officialAccounts.values()].map((a): [string, string] => [a.appid, a.secret])]);
  const knownOpenids = new Set<string>();
  const refusals = new Map<string, number>();
  // One-time subscription credits per (openid, template): "用户订阅后,开发者可不限时间地下发一条对应的服务消息"
  // (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message-overview.html);
  // each accept adds one, each message spends one, and without one WeChat answers 43101 "user refuse to accept the msg"
  // (WeChat staff: "一次性订阅消息订阅1次可下发1次", https://developers.weixin.qq.com/community/develop/doc/000002fff4c4e85736718b47561c00).
  const credits = new Map<string, number>();
  const creditKey = (openid: string, templateId: string) => `${openid}\u0000${templateId}`;
  const catalogue = options.templates ? new Map(options.templates.map((t) => [t.id, t.keys])) : null;
  let clock: () => number = Date.now;
  const robotSends = new Map<string, number[]>();
  // msg_sec_check: "频率限制:单个 appId 调用上限为 4000 次/分钟,2,000,000 次/天"
  // (https://developers.weixin.qq.com/minigame/dev/api-backend/open-api/sec-check/security.msgSecCheck.html).
  let contentChecksPerMinute = 4000;
  let contentChecks: number[] = [];
  const loginCodes = new Map<string, { openid: string; issuedAt: number; used: boolean }>();
  let received: ReceivedRequest[] = [];
  let sent: SentMessage[] = [];
  let robot: RobotMessage[] = [];
  const menus = new Map<string, { button: MenuButton[] }>();
  let lastMenu: { button: MenuButton[] } | null = null;
  let failure: { rate: number; timeoutShare: number; hangMs: number; next: () => number } | null = null;
  const pay = options.pay ? createPaySimulator(options.pay) : null;

  /** The account a token was issued to, or WeChat's refusal of the token. */
  function tokenOwner(query: Record<string, string>): { appid: string } | { denied: Reply } {
    const token = query.access_token;
    if (!token) return { denied: error(41001) };
    const issued = tokens.get(token);
    if (issued === undefined) return { denied: error(40001) };
    if (issued.expiry < Date.now()) return { denied: error(42001) };
    return { appid: issued.appid };
  }

  /**
   * The mini-program's APIs (wxa/*, subscribe/send) take the mini-program's token: a 公众号's token has
   * no such API (48001 api unauthorized).
   */
  function checkToken(query: Record<string, string>): Reply | null {
    const owner = tokenOwner(query);
    if ('denied' in owner) return owner.denied;
    return owner.appid === appid ? null : error(48001);
  }

  const routes: Record<string, (query: Record<string, string>, body: Json) => Reply | Promise<Reply>> = {
    ...readOnlyRoutes({ checkToken, tokenOwner, templates: options.templates, menus, isOfficialAccount: (a) => officialAccounts.has(a), serverDomains: options.serverDomains }),
    'POST /cgi-bin/stable_token': (_, body) => {
      if (body.grant_type !== 'client_credential') return error(40097);
      // Every account has its own appid and secret: the mini-program's, or one of the 公众号's.
      const account = String(body.appid ?? '');
      if (!secrets.has(account)) return error(40013);
      if (body.secret !== secrets.get(account)) return error(40125);
      // Like the real stable token: the same token until it expires or a refresh is forced.
      let token = stableTokens.get(account);
      const current = token ? tokens.get(token) : undefined;
      if (!token || body.force_refresh === true || current === undefined || current.expiry < Date.now()) {
        token = randomBytes(24).toString('base64url');
        stableTokens.set(account, token);
        tokens.set(token, { expiry: Date.now() + ttl * 1000, appid: account });
      }
      return { json: { access_token: token, expires_in: Math.round((tokens.get(token)!.expiry - Date.now()) / 1000) } };
    },
    'GET /sns/jscode2session': (query) => {
      if (query.appid !== appid) return error(40013);
      if (query.secret !== secret) return error(40125);
      // A code is good once and for 5 minutes: used again, 40163 code been used; later, 40029 invalid code
      // (https://developers.weixin.qq.com/minigame/dev/api-backend/open-api/login/auth.code2Session.html;
      // WeChat staff on 40163: https://developers.weixin.qq.com/community/develop/doc/000a80776f43a856d170f8e4561c00).
      const issued = loginCodes.get(query.js_code ?? '');
      if (issued) {
        if (issued.used) return error(40163);
        if (clock() - issued.issuedAt > 5 * 60_000) return error(40029);
        issued.used = true;
        knownOpenids.add(issued.openid);
        return { json: { openid: issued.openid, session_key: randomBytes(16).toString('base64') } };
      }
      const match = /^test:([A-Za-z0-9_-]{1,64})$/.exec(query.js_code ?? '');
      if (!match) return error(40029);
      // Unlike a real code, `test:<name>` can be used again: demo logins and tests reuse it.
      knownOpenids.add(match[1]);
      return { json: { openid: match[1], session_key: randomBytes(16).toString('base64') } };
    },
    'POST /wxa/msg_sec_check': (query, body) => {
      const denied = checkToken(query);
      if (denied) return denied;
      if (body.version !== 2 || typeof body.content !== 'string' || typeof body.openid !== 'string' || ![1, 2, 3, 4].includes(body.scene as number)) {
        return error(40097);
      }
      const now = clock();
      contentChecks = contentChecks.filter((at) => at > now - 60_000);
      if (contentChecks.length >= contentChecksPerMinute) return error(45009);
      contentChecks.push(now);
      const verdict = judgeContent(body.content, risky, review);
      const traceId = randomBytes(8).toString('hex');
      return {
        json: {
          errcode: 0,
          errmsg: 'ok',
          result: { suggest: verdict.suggest, label: verdict.label },
          detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90, ...(verdict.keyword ? { keyword: verdict.keyword } : {}) }],
          trace_id: traceId,
        },
      };
    },
    'POST /cgi-bin/message/subscribe/send': async (query, body) => {
      const denied = checkToken(query);
      if (denied) return denied;
      if (failure && failure.next() < failure.rate) {
        if (failure.next() < failure.timeoutShare) await new Promise((resolve) => setTimeout(resolve, failure!.hangMs));
        return { json: { errcode: -1, errmsg: 'system error' } };
      }
      const touser = String(body.touser ?? '');
      if (!knownOpenids.has(touser)) return error(40003);
      const refusal = refusals.get(touser);
      if (refusal !== undefined) {
        refusals.delete(touser);
        return error(refusal);
      }
      const data = body.data as Record<string, { value: string }> | undefined;
      if (!body.template_id || !data || typeof data !== 'object') return error(47001);
      // The template must be one the mini-program picked (40037 invalid template_id), and every keyword key
      // of it must be given (47003 "data.<key>.value is empty")
      // (https://developers.weixin.qq.com/miniprogram/dev/server/API/mp-message-management/subscribe-message/api_sendmessage).
      const templateKeys = catalogue?.get(String(body.template_id));
      if (catalogue && !templateKeys) return error(40037);
      const missing = templateKeys?.find((key) => !(key in data));
      if (missing) return error(47003, `data.${missing}.value is empty`);
      const badKey = invalidTemplateKey(data);
      if (badKey) return error(47003, `data.${badKey}.value invalid`);
      // miniprogram_state: developer, trial or formal (the default), nothing else (same page).
      const state = body.miniprogram_state as string | undefined;
      if (state !== undefined && !['developer', 'trial', 'formal'].includes(state)) return error(47001);
      // The page must exist in the version the message opens; for formal (the default), the released one (41030).
      const page = typeof body.page === 'string' ? body.page.split('?')[0] : undefined;
      if (page && options.releasedPages && (state ?? 'formal') === 'formal' && !options.releasedPages.includes(page)) return error(41030);
      // No credit for this template (never accepted, or spent): 43101. A refused message spends nothing.
      const slot = creditKey(touser, String(body.template_id));
      const credit = credits.get(slot) ?? 0;
      if (credit < 1) return error(43101);
      credits.set(slot, credit - 1);
      sent.push({ touser, template_id: String(body.template_id), page: body.page as string | undefined, data, miniprogram_state: state, at: new Date().toISOString() });
      return { json: { errcode: 0, errmsg: 'ok', msgid: Date.now() } };
    },
    // 企业微信's group robot webhook (qyapi.weixin.qq.com): the key is the credential.
    'POST /cgi-bin/webhook/send': async (query, body) => {
      const key = query.key ?? '';
      if (!/^[A-Za-z0-9-]{8,64}$/.test(key)) return error(93000);
      if (failure && failure.next() < failure.rate) return { json: { errcode: -1, errmsg: 'system error' } };
      const markdown = body.markdown as { content?: unknown } | undefined;
      if (body.msgtype !== 'markdown' || typeof markdown?.content !== 'string') return error(40008);
      if (Buffer.byteLength(markdown.content, 'utf8') > 4096) return error(40058);
      // At most 20 messages a minute per robot (https://developer.work.weixin.qq.com/document/path/91770); the
      // over-limit answer is not documented, practitioners report 45009 (https://blog.csdn.net/jialiuyang/article/details/118615052).
      const now = clock();
      const recent = (robotSends.get(key) ?? []).filter((at) => at > now - 60_000);
      robotSends.set(key, recent);
      if (recent.length >= 20) return error(45009);
      recent.push(now);
      robot.push({ key, content: markdown.content, at: new Date().toISOString() });
      return { json: { errcode: 0, errmsg: 'ok' } };
    },
    'POST /wxa/getwxacodeunlimit': async (query, body) => {
      const denied = checkToken(query);
      if (denied) return denied;
      const scene = body.scene;
      // "最大32个可见字符,只支持数字,大小写英文以及部分特殊字符:!#$&'()*+,/:;=?@-._~" — no %, no space
      // (https://developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode).
      if (typeof scene !== 'string' || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(scene)) return error(40169);
      const width = Math.min(1280, Math.max(280, Number(body.width ?? 430)));
      // The real one is WeChat's round mini-program code; the stand-in is a square QR of the scene, so a
      // test can read back what a printed code would open. Served as WeChat serves it: JPEG bytes under
      // image/jpeg (a traced answer: https://developers.weixin.qq.com/community/personal/oCJUsw2fqWyy9iWs8G1STPNxUH4w/answer).
      const png = await QRCode.toBuffer(scene, { type: 'png', width, margin: 2, color: { dark: '#0b2e6bff', light: '#ffffffff' } });
      return { jpeg: await sharp(png).jpeg({ quality: 90 }).toBuffer() };
    },
    'POST /cgi-bin/menu/create': (query, body) => {
      const owner = tokenOwner(query);
      if ('denied' in owner) return owner.denied;
      const problem = menuAccountError(officialAccounts.get(owner.appid), body as { button?: MenuButton[] }) ?? menuError(body as { button?: MenuButton[] });
      if (problem) return { json: problem };
      // One menu per account: a second create replaces it.
      lastMenu = body as { button: MenuButton[] };
      menus.set(owner.appid, lastMenu);
      return { json: { errcode: 0, errmsg: 'ok' } };
    },
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const query = Object.fromEntries(url.searchParams);
      let body: Json = {};
      const raw = Buffer.concat(chunks).toString('utf8');
      if (pay && url.pathname.startsWith('/v3/')) {
        const payReply = await pay.handle(request.method ?? 'GET', request.url ?? '/', raw, request.headers.authorization);
        received.push({ api: `pay${url.pathname}`, query: Object.fromEntries(url.searchParams), body: raw ? safeJson(raw) : null, at: new Date().toISOString() });
        // A lost answer: WeChat took the transfer, the merchant never hears back.
        if (payReply?.drop) return void request.socket.destroy();
        if (payReply) return void response.writeHead(payReply.status, payReply.headers).end(payReply.body);
      }
      const route = routes[`${request.method} ${url.pathname}`];
      let reply: Reply;
      try {
        body = raw ? (JSON.parse(raw) as Json) : {};
        reply = route ? await route(query, body) : { status: 404, json: { errcode: -1, errmsg: 'system error' } };
      } catch {
        reply = error(47001);
      }
      received.push({ api: url.pathname.replace(/^\/(cgi-bin\/|wxa\/|sns\/)/, '').replace('message/', ''), query, body, at: new Date().toISOString() });
      if (reply.jpeg) {
        response.writeHead(200, { 'content-type': 'image/jpeg' }).end(reply.jpeg);
      } else {
        response.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.json));
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${port}`,
    records: {
      messagesTo: (openid) => sent.filter((m) => m.touser === openid),
      robotMessages: (key) => robot.filter((m) => key === undefined || m.key === key),
      received: () => [...received],
      menu: (account) => (account === undefined ? lastMenu : (menus.get(account) ?? null)),
      clear: () => {
        received = [];
        sent = [];
        robot = [];
      },
    },
    loginCode: (openid, codeOptions) => {
      const code = randomBytes(24).toString('base64url');
      loginCodes.set(code, { openid, issuedAt: clock() - (codeOptions?.ageMs ?? 0), used: false });
      return code;
    },
    limitContentChecks: (perMinute) => {
      contentChecksPerMinute = perMinute ?? 4000;
      contentChecks = [];
    },
    setNow: (now) => {
      clock = now ? () => now.getTime() : Date.now;
    },
    expireTokens: () => {
      for (const issued of tokens.values()) issued.expiry = 0;
    },
    refuseNext: (openid, errcode) => refusals.set(openid, errcode),
    acceptSubscriptions: (openid, answers) => {
      // "一次调用最多可订阅3条消息" (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html);
      // the client's prompt refuses more, so no credit comes of such a call.
      const accepted = Object.entries(answers).filter(([id, answer]) => answer === 'accept' && id !== 'errMsg' && (!catalogue || catalogue.has(id)));
      if (Object.keys(answers).filter((id) => id !== 'errMsg').length > 3) return;
      knownOpenids.add(openid);
      for (const [templateId] of accepted) credits.set(creditKey(openid, templateId), (credits.get(creditKey(openid, templateId)) ?? 0) + 1);
    },
    creditsOf: (openid, templateId) => credits.get(creditKey(openid, templateId)) ?? 0,
    pay: pay?.controls ?? null,
    failSends: (options) => {
      if (!options) {
        failure = null;
        return;
      }
      let x = options.seed ?? 42;
      // A small linear congruential generator: the same seed, the same failures.
      const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      failure = { rate: options.rate, timeoutShare: options.timeoutShare ?? 0, hangMs: options.hangMs ?? 1000, next };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
