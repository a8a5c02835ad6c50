// Thin typed client for the WeChat HTTP APIs the product uses. The base URL is
// configuration: https://api.weixin.qq.com in production, the project's simulator offline.
import { Agent, request } from 'undici';

export class WechatApiError extends Error {
  constructor(
    readonly api: string,
    /** WeChat's errcode; -1 for a network failure or a timeout (worth retrying). */
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${api} failed: ${errcode} ${errmsg}`);
  }

  /** Worth trying again later: WeChat busy, network trouble. Not: no credit, bad openid, bad parameter. */
  get retryable(): boolean {
    return this.errcode === -1 || this.errcode === 45009 || (this.errcode >= 500 && this.errcode < 600);
  }
}

export interface WechatApiClientOptions {
  baseUrl: string;
  appid: string;
  secret: string;
  timeoutMs?: number;
  now?: () => number;
  /**
   * Which version of the mini-program a subscription message opens (and whose pages it must exist in):
   * WeChat's default is formal, so before the first release or in a 体验版 every message with a page fails.
   */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface Code2SessionResult {
  openid: string;
  session_key: string;
  unionid?: string;
}

export type SecuritySuggest = 'pass' | 'review' | 'risky';

export interface MsgSecCheckRequest {
  openid: string;
  content: string;
  /** 1 资料, 2 评论, 3 论坛, 4 社交日志 */
  scene: 1 | 2 | 3 | 4;
  title?: string;
}

export interface MsgSecCheckResult {
  suggest: SecuritySuggest;
  label: number;
  traceId?: string;
}

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface UnlimitedQrCodeRequest {
  scene: string;
  page?: string;
  check_path?: boolean;
  env_version?: 'release' | 'trial' | 'develop';
  width?: number;
}

export interface MenuButton {
  type?: 'view' | 'miniprogram' | 'click';
  name: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  key?: string;
  sub_button?: MenuButton[];
}

interface WechatJson {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/** errcodes that mean "the access token is no longer good": fetch a new one and retry once. */
const TOKEN_ERRCODES = new Set([40001, 42001, 40014]);
/** Refresh this long before WeChat's expiry, so a token never dies in flight. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export class WechatApiClient {
  private token: { value: string; expiresAt: number } | null = null;
  private tokenInFlight: Promise<string> | null = null;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: WechatApiClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async getAccessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - TOKEN_MARGIN_MS > this.now()) return this.token.value;
    // Concurrent callers share one request instead of each asking WeChat.
    this.tokenInFlight ??= this.fetchToken().finally(() => (this.tokenInFlight = null));
    return this.tokenInFlight;
  }

  async code2Session(code: string): Promise<Code2SessionResult> {
    const query = new URLSearchParams({ appid: this.options.appid, secret: this.options.secret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.json('jscode2session', `/sns/jscode2session?${query}`, { method: 'GET' });
    return { openid: String(body.openid), session_key: String(body.session_key), ...(body.unionid ? { unionid: String(body.unionid) } : {}) };
  }

  async msgSecCheck(request: MsgSecCheckRequest): Promise<MsgSecCheckResult> {
    const body = await this.withToken('msg_sec_check', '/wxa/msg_sec_check', { ...request, version: 2 });
    const result = body.result as { suggest?: SecuritySuggest; label?: number } | undefined;
    return { suggest: result?.suggest ?? 'review', label: Number(result?.label ?? 0), traceId: body.trace_id as string | undefined };
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const state = this.options.miniprogramState;
    await this.withToken('subscribe/send', '/cgi-bin/message/subscribe/send', state && !message.miniprogram_state ? { ...message, miniprogram_state: state } : message);
  }

  async createMenu(menu: { button: MenuButton[] }): Promise<void> {
    await this.withToken('menu/create', '/cgi-bin/menu/create', menu);
  }

  /** A mini-program code; WeChat answers image bytes, or JSON when it refuses. */
  async getUnlimitedQrCode(request: UnlimitedQrCodeRequest): Promise<Buffer> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.getAccessToken();
      const response = await this.fetch('getwxacodeunlimit', `/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (!response.contentType.includes('json')) return response.bytes;
      const error = JSON.parse(response.bytes.toString('utf8')) as WechatJson;
      if (attempt === 0 && TOKEN_ERRCODES.has(Number(error.errcode))) {
        this.token = null;
        continue;
      }
      throw new WechatApiError('getwxacodeunlimit', Number(error.errcode ?? -1), String(error.errmsg ?? 'unknown'));
    }
  }

  private async fetchToken(): Promise<string> {
    const body = await this.json('stable_token', '/cgi-bin/stable_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.options.appid, secret: this.options.secret, force_refresh: false }),
    });
    const value = String(body.access_token);
    this.token = { value, expiresAt: this.now() + Number(body.expires_in ?? 7200) * 1000 };
    return value;
  }

  private async withToken(api: string, path: string, payload: unknown): Promise<WechatJson> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.getAccessToken();
      try {
        return await this.json(api, `${path}?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        });
      } catch (error) {
        if (attempt === 0 && error instanceof WechatApiError && TOKEN_ERRCODES.has(error.errcode)) {
          this.token = null;
          continue;
        }
        throw error;
      }
    }
  }

  private json(api: string, path: string, init: WechatRequest): Promise<WechatJson> {
    return callWechatJson(this.options.baseUrl, this.timeoutMs, api, path, init);
  }

  private fetch(api: string, path: string, init: WechatRequest): Promise<WechatResponse> {
    return fetchWechat(this.options.baseUrl, this.timeoutMs, api, path, init);
  }
}

export interface WechatRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** A WeChat answer, read whole (WeChat's bodies are small: JSON, or a QR image). */
export interface WechatResponse {
  status: number;
  contentType: string;
  bytes: Buffer;
}

/**
 * One keep-alive connection pool for every WeChat call of the process. undici's `request`, not the
 * global `fetch`: fetch costs four to five times the CPU per call (measured here: ~400 µs against
 * ~90 µs), and every submission makes one call (msg_sec_check), every message another.
 */
const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

/** One call to a WeChat-style JSON API: a non-zero errcode, a 5xx, a timeout or a network failure is a WechatApiError. */
export async function callWechatJson(baseUrl: string, timeoutMs: number, api: string, path: string, init: WechatRequest): Promise<WechatJson> {
  const response = await fetchWechat(baseUrl, timeoutMs, api, path, init);
  let body: WechatJson;
  try {
    body = JSON.parse(response.bytes.toString('utf8')) as WechatJson;
  } catch {
    throw new WechatApiError(api, -1, `HTTP ${response.status} without JSON`);
  }
  if (body.errcode && body.errcode !== 0) throw new WechatApiError(api, body.errcode, String(body.errmsg ?? ''));
  return body;
}

async function fetchWechat(baseUrl: string, timeoutMs: number, api: string, path: string, init: WechatRequest): Promise<WechatResponse> {
  try {
    // The timeout covers the whole exchange, the body included: a WeChat that stops mid-answer is a failure too.
    const response = await request(`${baseUrl}${path}`, { method: init.method, headers: init.headers, body: init.body, dispatcher, signal: AbortSignal.timeout(timeoutMs) });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    if (response.statusCode >= 500) throw new WechatApiError(api, -1, `HTTP ${response.statusCode}`);
    const type = response.headers['content-type'];
    return { status: response.statusCode, contentType: (Array.isArray(type) ? type[0] : type) ?? '', bytes };
  } catch (error) {
    if (error instanceof WechatApiError) throw error;
    throw new WechatApiError(api, -1, (error as Error).message);
  }
}
