// What `npm run check:wechat` checks: the configuration the server reads (server/src/config), held
// against the real WeChat through its read-only APIs where there is one, and what an IT person has to
// look at by hand where there is none. Each item says which setting it is about and what to do.
// docs/wechat-go-live.md walks through the same items.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { Agent, request } from 'undici';
import { ConfigError, loadConfig, SIMULATOR_APPID, type AppConfig } from '../config/app-config.js';
import { TEMPLATE_SLOTS, type TemplateName } from '../config/wechat-platform-config.js';
import { PayGateway, PayRefusedError } from '../wechat/pay-gateway.js';
import { callWechatJson, WechatApiError } from '../wechat/wechat-api.client.js';

/** ✓ works; ✗ missing or wrong (the exit code says so); — to check by hand, or optional and not set up. */
export type CheckStatus = 'ok' | 'fail' | 'manual' | 'skip';

export interface CheckItem {
  id: string;
  title: string;
  /** The settings (environment variables) the item is about. */
  settings: string[];
  status: CheckStatus;
  detail: string;
  /** What to do (for ✗ and —). */
  advice?: string;
}

export interface CheckReport {
  /** false: no real WeChat is configured, nothing was asked of WeChat. */
  configured: boolean;
  items: CheckItem[];
  /** 0 all required items ✓; 1 something is missing or wrong; 2 nothing to check against (no credentials). */
  exitCode: 0 | 1 | 2;
}

export interface CheckOptions {
  /** A CA to trust for PUBLIC_BASE_URL besides the system's (the tests' self-signed front; the CLI uses NODE_EXTRA_CA_CERTS). */
  ca?: string;
  /** Per call (default: WECHAT_TIMEOUT_MS). */
  timeoutMs?: number;
}

type Env = Record<string, string | undefined>;

const SLOT_NAMES: Record<string, string> = {
  serial: '诉求编号',
  text: '诉求内容',
  status: '状态',
  outcome: '处理结果',
  time: '时间',
  title: '事项',
  due: '截止时间',
  note: '备注',
};

const TEMPLATES: Record<TemplateName, { setting: string; purpose: string }> = {
  accepted: { setting: 'WECHAT_TEMPLATE_ACCEPTED', purpose: '诉求受理通知(给职工)' },
  progress: { setting: 'WECHAT_TEMPLATE_PROGRESS', purpose: '诉求进展通知(给职工)' },
  replied: { setting: 'WECHAT_TEMPLATE_REPLIED', purpose: '诉求答复通知(给职工)' },
  todo: { setting: 'WECHAT_TEMPLATE_TODO', purpose: '待办提醒(给工作人员)' },
};

/** What the server needs to reach the real WeChat, for the explanation printed without it. */
const NEEDED = [
  'WECHAT_MODE=real                      用真实微信(不设则是演示用的模拟器)',
  'WECHAT_APPID / WECHAT_SECRET          小程序的 AppID 和 AppSecret(mp.weixin.qq.com → 开发管理 → 开发设置)',
  'PUBLIC_BASE_URL=https://…             服务器对外的 https 地址(小程序的 request 合法域名)',
  'TOKEN_SECRET / DATA_KEY               服务器自己的密钥(openssl rand -hex 32 / openssl rand -base64 32)',
  'WECHAT_TEMPLATE_ACCEPTED/PROGRESS/REPLIED/TODO   四个订阅消息模板:<模板ID>:<key>,<key>,…',
  'WECHAT_OFFICIAL_ACCOUNTS=<矿代码>=<公众号AppID>:<AppSecret>,…   每个矿的公众号(设置菜单用)',
  'WECHAT_LINK_QR_VERIFY_FILE=<文件名>.txt:<内容>   扫普通链接二维码打开小程序的校验文件(用链接二维码贴纸时)',
  'WXPAY_MCHID / WXPAY_SERIAL / WXPAY_PRIVATE_KEY_FILE / WXPAY_PUBLIC_KEY_ID / WXPAY_PUBLIC_KEY_FILE / WXPAY_APIV3_KEY   微信支付商家转账(发困难救助金时)',
];

/** Explains a WeChat errcode to an IT person. */
function wechatAdvice(error: unknown, where: string): string {
  if (!(error instanceof WechatApiError)) return `${where}:${(error as Error).message}`;
  const known: Record<number, string> = {
    [-1]: `连不上微信(${error.errmsg}):检查服务器能否访问 api.weixin.qq.com`,
    40001: 'access_token 无效:AppSecret 可能刚被重置,用新的 AppSecret',
    40013: 'AppID 不对:核对 AppID(wx 开头 18 位)',
    40125: 'AppSecret 不对:在后台“开发设置”里重置 AppSecret,填入配置后重启服务器',
    40164: '本机 IP 不在白名单:在后台“开发设置 → IP白名单”加上服务器的出口 IP',
    48001: '这个账号没有此接口的权限',
    61024: '此账号已授权给第三方平台,不能用自己的 AppSecret 调接口',
  };
  return `${where}:微信答 ${error.errcode} ${error.errmsg}${known[error.errcode] ? `,${known[error.errcode]}` : ''}`;
}

export async function checkWechat(env: Env = process.env, options: CheckOptions = {}): Promise<CheckReport> {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      configured: false,
      exitCode: 1,
      items: [
        {
          id: 'config',
          title: '服务器配置',
          settings: [],
          status: 'fail',
          detail: `服务器会拒绝启动,配置有 ${error.problems.length} 处问题:\n${error.problems.map((p) => `  · ${p}`).join('\n')}`,
          advice: '按上面每一条改好配置(与服务器用同一份环境变量),再运行 npm run check:wechat',
        },
      ],
    };
  }
  if (config.wechat.mode !== 'real' || !env.WECHAT_APPID || !env.WECHAT_SECRET || config.wechat.appid === SIMULATOR_APPID) {
    return {
      configured: false,
      exitCode: 2,
      items: [
        {
          id: 'credentials',
          title: '真实微信的配置',
          settings: ['WECHAT_MODE', 'WECHAT_APPID', 'WECHAT_SECRET'],
          status: 'fail',
          detail: '没有配置真实微信:这份配置用的是演示模拟器,没有可以检查的微信账号。',
          advice: `请用服务器上线时的那份环境变量运行本检查,至少需要:\n${NEEDED.map((n) => `  ${n}`).join('\n')}\n详见 docs/wechat-go-live.md。`,
        },
      ],
    };
  }
  const checker = new Checker(config, options, env);
  return checker.run();
}

class Checker {
  private readonly items: CheckItem[] = [];
  private readonly timeoutMs: number;
  private readonly publicDispatcher: Agent | undefined;

  constructor(
    private readonly config: AppConfig,
    options: CheckOptions,
    private readonly env: Env,
  ) {
    this.timeoutMs = options.timeoutMs ?? config.wechat.timeoutMs;
    this.publicDispatcher = options.ca ? new Agent({ connect: { ca: options.ca } }) : undefined;
  }

  async run(): Promise<CheckReport> {
    try {
      await this.publicBaseUrl();
      const token = await this.miniProgramToken();
      await this.domains(token);
      await this.templates(token);
      this.envVersion();
      this.privacy();
      await this.linkQr();
      await this.officialAccounts();
      await this.pay();
      this.transfer();
      this.robots();
    } finally {
      await this.publicDispatcher?.close();
    }
    return { configured: true, items: this.items, exitCode: this.items.some((i) => i.status === 'fail') ? 1 : 0 };
  }

  private add(item: CheckItem): void {
    this.items.push(item);
  }

  private async fetchPublic(path: string): Promise<{ status: number; body: string }> {
    const response = await request(`${this.config.publicBaseUrl}${path}`, { dispatcher: this.publicDispatcher, signal: AbortSignal.timeout(this.timeoutMs) });
    return { status: response.statusCode, body: await response.body.text() };
  }

  private wechat(api: string, path: string, payload?: unknown) {
    return callWechatJson(this.config.wechat.apiBase, this.timeoutMs, api, path, {
      method: payload === undefined ? 'GET' : 'POST',
      headers: payload === undefined ? undefined : { 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  }

  private async stableToken(appid: string, secret: string): Promise<string> {
    const body = await this.wechat('stable_token', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret, force_refresh: false });
    return String(body.access_token);
  }

  private async publicBaseUrl(): Promise<void> {
    const base = this.config.publicBaseUrl;
    const item: CheckItem = { id: 'public-base-url', title: '服务器地址(https)', settings: ['PUBLIC_BASE_URL'], status: 'ok', detail: '' };
    this.add(item);
    if (!base.startsWith('https://')) {
      Object.assign(item, {
        status: 'fail',
        detail: `${base} 不是 https`,
        advice: '小程序只能访问 https 地址,微信支付只向 https 发通知:给服务器配好证书,PUBLIC_BASE_URL 写 https://…',
      });
      return;
    }
    try {
      const health = await this.fetchPublic('/api/health');
      if (health.status === 200) item.detail = `${base} 可以访问(/api/health 答 200);微信支付通知地址 ${base}/api/wxpay/notify`;
      else Object.assign(item, { status: 'fail', detail: `${base}/api/health 答 ${health.status}`, advice: '确认服务器已启动,反向代理把这个地址转给了本服务器' });
    } catch (error) {
      Object.assign(item, {
        status: 'fail',
        detail: `访问 ${base} 失败:${(error as Error).message}`,
        advice: '从外网访问不到服务器:检查域名解析、证书(须是受信任的 CA 签发)和防火墙',
      });
    }
  }

  /** 查询域名配置: the server domains the mini-program may reach must name the server (PUBLIC_BASE_URL's origin). */
  private async domains(token: string | null): Promise<void> {
    const origin = new URL(this.config.publicBaseUrl).origin;
    const where = `mp.weixin.qq.com → 开发管理 → 开发设置 → 服务器域名:request 合法域名、uploadFile 合法域名、downloadFile 合法域名 都填 ${origin}(小程序按 TARO_APP_API_BASE=${origin} 构建)`;
    const item: CheckItem = { id: 'domains', title: '小程序服务器域名', settings: ['PUBLIC_BASE_URL'], status: 'manual', detail: '', advice: where };
    this.add(item);
    if (!token) {
      item.detail = '没有小程序的接口凭证(见上一项),无法读取服务器域名;请人工核对';
      return;
    }
    try {
      const body = await this.wechat('getwxadevinfo', `/wxa/getwxadevinfo?access_token=${encodeURIComponent(token)}`, { action: 'getserverdomain' });
      const kinds = { requestdomain: 'request 合法域名', uploaddomain: 'uploadFile 合法域名', downloaddomain: 'downloadFile 合法域名' } as const;
      const listed = (key: keyof typeof kinds) => ((body[key] as string[] | undefined) ?? []).map((d) => d.toLowerCase().replace(/\/$/, ''));
      const missing = (Object.keys(kinds) as (keyof typeof kinds)[]).filter((key) => !listed(key).includes(origin.toLowerCase()));
      if (missing.length) {
        item.status = 'fail';
        item.detail = `${missing.map((key) => kinds[key]).join('、')}里没有 ${origin}:小程序${missing.includes('requestdomain') ? '连不上服务器' : missing.includes('uploaddomain') ? '传不了照片' : '下载不了报表'}`;
      } else {
        item.status = 'ok';
        item.detail = `request、uploadFile、downloadFile 合法域名都有 ${origin}`;
      }
    } catch (error) {
      item.detail = `${wechatAdvice(error, '读取服务器域名失败')};请人工核对`;
    }
  }

  private async miniProgramToken(): Promise<string | null> {
    const { appid, secret } = this.config.wechat;
    try {
      const token = await this.stableToken(appid, secret);
      this.add({ id: 'miniprogram', title: '小程序 AppID 与 AppSecret', settings: ['WECHAT_APPID', 'WECHAT_SECRET'], status: 'ok', detail: `${appid}:取得接口凭证(stable_token)` });
      return token;
    } catch (error) {
      this.add({
        id: 'miniprogram',
        title: '小程序 AppID 与 AppSecret',
        settings: ['WECHAT_APPID', 'WECHAT_SECRET'],
        status: 'fail',
        detail: wechatAdvice(error, `${appid} 取接口凭证失败`),
        advice: '小程序后台 → 开发管理 → 开发设置:AppID、AppSecret、IP白名单。这一项不通过,登录、订阅消息、小程序码都不能用',
      });
      return null;
    }
  }

  private async templates(token: string | null): Promise<void> {
    let picked: { priTmplId: string; content: string; type?: number }[] | null = null;
    let problem = '没有小程序的接口凭证(见上一项),无法读取模板';
    if (token) {
      try {
        const body = await this.wechat('gettemplate', `/wxaapi/newtmpl/gettemplate?access_token=${encodeURIComponent(token)}`);
        picked = (body.data as typeof picked) ?? [];
      } catch (error) {
        problem = wechatAdvice(error, '读取“我的模板”失败');
      }
    }
    for (const name of Object.keys(TEMPLATE_SLOTS) as TemplateName[]) {
      const { setting, purpose } = TEMPLATES[name];
      const id = this.config.wechat.templates[name];
      const slots = TEMPLATE_SLOTS[name] as readonly string[];
      const keys = this.config.wechat.templateKeys[name] as Record<string, string>;
      const expected = `${setting}=<模板ID>:${slots.map((s) => `<${SLOT_NAMES[s]}的key>`).join(',')}`;
      const item: CheckItem = { id: `template:${name}`, title: `订阅消息模板:${purpose}`, settings: [setting], status: 'fail', detail: '' };
      this.add(item);
      if (!picked) {
        item.detail = problem;
        continue;
      }
      const template = picked.find((t) => t.priTmplId === id);
      if (!template) {
        item.detail = this.env[setting]?.trim() ? `模板 ${id} 不在小程序“我的模板”里` : `未设置 ${setting}(${id} 只是开发用的默认值)`;
        item.advice = `mp.weixin.qq.com → 功能 → 订阅消息:从公共模板库选一个“${purpose}”类的一次性订阅模板,把它的模板ID和关键词写成 ${expected}`;
        continue;
      }
      const templateKeys = [...template.content.matchAll(/\{\{\s*([A-Za-z_]+\d+)\.DATA\s*\}\}/g)].map((m) => m[1]);
      const missing = slots.filter((slot) => !templateKeys.includes(keys[slot]));
      const unfilled = templateKeys.filter((key) => !Object.values(keys).includes(key));
      if (missing.length || unfilled.length) {
        item.detail = [
          `模板 ${id} 的关键词是 ${templateKeys.join(', ')}`,
          ...missing.map((slot) => `配置的 ${keys[slot]}(${SLOT_NAMES[slot]})不在模板里`),
          ...unfilled.map((key) => `模板的 ${key} 没有配置(微信会拒绝每一条消息,47003)`),
        ].join(';');
        item.advice = `按模板的关键词改 ${setting},顺序是 ${slots.map((s) => SLOT_NAMES[s]).join('、')}:${expected}`;
        continue;
      }
      if (template.type !== undefined && template.type !== 2) {
        item.detail = `模板 ${id} 是长期订阅(type ${template.type}),本系统按一次性订阅请求授权`;
        item.advice = '换一个一次性订阅模板';
        continue;
      }
      item.status = 'ok';
      item.detail = `${id}:${slots.map((s) => `${SLOT_NAMES[s]}=${keys[s]}`).join(',')}`;
    }
  }

  private envVersion(): void {
    const version = this.config.wechat.envVersion;
    const release = version === 'release';
    this.add({
      id: 'env-version',
      title: '小程序码与消息打开的版本',
      settings: ['WECHAT_ENV_VERSION'],
      status: release ? 'ok' : 'manual',
      detail: release ? 'release(正式版)' : `${version}:小程序码和订阅消息打开${version === 'trial' ? '体验版' : '开发版'},只有体验者/开发者能打开`,
      advice: release ? undefined : '上线给职工用之前改回 release(或不设),并确认小程序已发布正式版',
    });
  }

  private privacy(): void {
    this.add({
      id: 'privacy',
      title: '用户隐私保护指引',
      settings: [],
      status: 'manual',
      detail: '微信没有可供本检查读取的接口,请人工核对:指引里声明了“选中的照片或视频信息”(拍照或选图,wx.chooseMedia)和收集“手机号”(职工自己填写,用于回访)',
      advice:
        'mp.weixin.qq.com → 设置 → 服务内容声明 → 用户隐私保护指引:声明“选中的照片或视频信息”(后台列出时还有“摄像头”),说明手机号只用于回访;没有声明,微信会直接让选图失败(详见 docs/wechat-mini-program.md)',
    });
  }

  private async linkQr(): Promise<void> {
    const file = this.config.wechat.linkQrVerifyFile;
    const base = this.config.publicBaseUrl;
    const rule = `mp.weixin.qq.com → 开发管理 → 开发设置 → 扫普通链接二维码打开小程序:规则 ${base}/q/,小程序功能页面 pages/submit/index`;
    if (!file) {
      this.add({
        id: 'link-qr',
        title: '扫普通链接二维码打开小程序',
        settings: ['WECHAT_LINK_QR_VERIFY_FILE'],
        status: 'skip',
        detail: '未设置校验文件:只能印小程序码贴纸;矿的贴纸设置为“链接二维码”时,微信里扫码不能直接打开小程序',
        advice: `要用链接二维码贴纸:${rule};下载校验文件,设 WECHAT_LINK_QR_VERIFY_FILE=<文件名>.txt:<文件内容>,重启服务器后再点“保存”`,
      });
      return;
    }
    const item: CheckItem = { id: 'link-qr', title: '扫普通链接二维码打开小程序', settings: ['WECHAT_LINK_QR_VERIFY_FILE', 'PUBLIC_BASE_URL'], status: 'fail', detail: '' };
    this.add(item);
    const url = `${base}/q/${file.name}`;
    try {
      const answer = await this.fetchPublic(`/q/${file.name}`);
      if (answer.status === 200 && answer.body.trim() === file.content) {
        item.status = 'ok';
        item.detail = `${url} 答出了校验文件;规则本身(微信没有自有小程序可读的接口)请人工核对:${rule},已发布`;
        return;
      }
      item.detail = answer.status === 200 ? `${url} 答的内容与 WECHAT_LINK_QR_VERIFY_FILE 不同` : `${url} 答 ${answer.status},没有校验文件`;
    } catch (error) {
      item.detail = `访问 ${url} 失败:${(error as Error).message}`;
    }
    item.advice = '服务器没有给出这个校验文件:确认运行中的服务器用的是同一个 WECHAT_LINK_QR_VERIFY_FILE(文件名与内容照后台下载的文件填写),并已重启';
  }

  private async officialAccounts(): Promise<void> {
    const accounts = Object.entries(this.config.wechat.officialAccounts);
    if (!accounts.length) {
      this.add({
        id: 'official-accounts',
        title: '公众号',
        settings: ['WECHAT_OFFICIAL_ACCOUNTS'],
        status: 'fail',
        detail: '没有配置任何矿的公众号:管理端“设置公众号菜单”会答“未配置公众号”',
        advice:
          '每个矿用自己的已认证服务号(或已认证订阅号):公众号后台 → 设置与开发 → 基本配置 取 AppID、AppSecret,设 WECHAT_OFFICIAL_ACCOUNTS=<矿代码>=<AppID>:<AppSecret>,…;并在 公众号后台 → 小程序管理 关联本小程序',
      });
      return;
    }
    for (const [org, account] of accounts) {
      let token: string;
      try {
        token = await this.stableToken(account.appid, account.secret);
        this.add({ id: `official-account:${org}`, title: `公众号(${org})`, settings: ['WECHAT_OFFICIAL_ACCOUNTS'], status: 'ok', detail: `${account.appid}:取得接口凭证` });
      } catch (error) {
        this.add({
          id: `official-account:${org}`,
          title: `公众号(${org})`,
          settings: ['WECHAT_OFFICIAL_ACCOUNTS'],
          status: 'fail',
          detail: wechatAdvice(error, `${account.appid} 取接口凭证失败`),
          advice: `公众号后台 → 设置与开发 → 基本配置:核对 AppID、AppSecret 和 IP白名单,改 WECHAT_OFFICIAL_ACCOUNTS 里 ${org}= 的那一段`,
        });
        continue;
      }
      await this.officialMenu(org, token);
    }
  }

  private async officialMenu(org: string, token: string): Promise<void> {
    const appid = this.config.wechat.appid;
    const item: CheckItem = { id: `official-menu:${org}`, title: `公众号菜单(${org})`, settings: ['WECHAT_OFFICIAL_ACCOUNTS'], status: 'manual', detail: '' };
    this.add(item);
    const setIt = `由矿的管理员设置菜单(POST /api/admin/official-account-menu);前提:公众号已认证,并已在 公众号后台 → 小程序管理 关联小程序 ${appid}`;
    try {
      const body = await this.wechat('get_current_selfmenu_info', `/cgi-bin/get_current_selfmenu_info?access_token=${encodeURIComponent(token)}`);
      type Button = { type?: string; name?: string; appid?: string; sub_button?: { list?: Button[] } };
      const buttons = ((body.selfmenu_info as { button?: Button[] } | undefined)?.button ?? []).flatMap((b) => (b.sub_button?.list?.length ? b.sub_button.list : [b]));
      const ours = buttons.filter((b) => b.type === 'miniprogram' && b.appid === appid);
      if (body.is_menu_open === 1 && ours.length) {
        item.status = 'ok';
        item.detail = `菜单打开本小程序:${ours.map((b) => b.name).join('、')}`;
      } else {
        item.detail = body.is_menu_open === 1 ? `公众号有菜单(${buttons.map((b) => b.name).join('、')}),但没有打开本小程序的按钮` : '公众号还没有菜单';
        item.advice = setIt;
      }
    } catch (error) {
      item.status = 'fail';
      item.detail = wechatAdvice(error, '读取公众号菜单失败');
      item.advice = setIt;
    }
  }

  private async pay(): Promise<void> {
    const pay = this.config.pay;
    const settings = ['WXPAY_MCHID', 'WXPAY_SERIAL', 'WXPAY_PRIVATE_KEY_FILE', 'WXPAY_PUBLIC_KEY_ID', 'WXPAY_PUBLIC_KEY_FILE', 'WXPAY_APIV3_KEY'];
    if (!pay) {
      this.add({
        id: 'pay',
        title: '微信支付商家转账(困难救助金)',
        settings,
        status: 'skip',
        detail: '未配置 WXPAY_*:困难救助可以审批,不能通过微信打款',
        advice: '要打款:pay.weixin.qq.com 开通“商家转账”,下载商户 API 证书与微信支付公钥,按 docs/wechat-go-live.md 设 WXPAY_*',
      });
      return;
    }
    const item: CheckItem = { id: 'pay', title: '微信支付商家转账(困难救助金)', settings, status: 'fail', detail: '' };
    this.add(item);
    for (const [key, parse, setting] of [
      [pay.privateKey, createPrivateKey, 'WXPAY_PRIVATE_KEY_FILE'],
      [pay.publicKey, createPublicKey, 'WXPAY_PUBLIC_KEY_FILE'],
    ] as const) {
      try {
        parse(key);
      } catch {
        item.detail = `${setting} 不是 PEM 格式的${setting.includes('PRIVATE') ? '商户 API 私钥(apiclient_key.pem)' : '微信支付公钥(pub_key.pem)'}`;
        item.advice = '从商户平台 → 账户中心 → API安全 重新下载';
        return;
      }
    }
    // 商户单号查询转账单 (https://pay.weixin.qq.com/docs/merchant/apis/mch-trans/transfer-bill/get-transfer-bill-by-out-no.html)
    // of a number never used: signed with the merchant's registered certificate, WeChat Pay answers 404 NOT_FOUND
    // (practitioners: https://developers.weixin.qq.com/community/pay/doc/000a04eda085708f5bce038f051800);
    // otherwise 401 SIGN_ERROR. Error answers are not verified by the plugin, so the public key waits for a real answer.
    const probe = `CHECK${Date.now()}`;
    try {
      await new PayGateway({ ...pay, appid: this.config.wechat.appid }, this.timeoutMs).query(probe);
      item.detail = `查询不存在的单号 ${probe} 竟有结果,请联系开发者`;
    } catch (error) {
      if (error instanceof PayRefusedError && error.code === 'NOT_FOUND') {
        item.status = 'ok';
        item.detail = `商户号 ${pay.mchid}:签名被接受(查询不存在的单号答 NOT_FOUND);微信支付公钥 ${pay.publicKeyId} 在第一笔转账的回答时验证`;
        return;
      }
      if (error instanceof PayRefusedError) {
        item.detail = `微信支付答 ${error.status} ${error.code}:${error.message}`;
        item.advice =
          error.status === 401
            ? '签名被拒:WXPAY_MCHID、WXPAY_SERIAL(商户 API 证书序列号)、WXPAY_PRIVATE_KEY_FILE(apiclient_key.pem)须是同一商户的同一张证书'
            : '商户平台 → 产品中心:确认已开通“商家转账”,API 权限已打开';
        return;
      }
      item.detail = `连不上微信支付:${(error as Error).message}`;
      item.advice = '检查服务器能否访问 api.mch.weixin.qq.com';
    }
  }

  private transfer(): void {
    const t = this.config.transfer;
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    this.add({
      id: 'transfer',
      title: '商家转账的场景与限额',
      settings: ['WXPAY_TRANSFER_SCENE_ID', 'WXPAY_USER_RECV_PERCEPTION', 'WXPAY_SUBSIDY_TYPE', 'WXPAY_TRANSFER_MIN_FEN', 'WXPAY_TRANSFER_MAX_FEN'],
      status: this.config.pay ? 'manual' : 'skip',
      detail: `场景 ${t.sceneId}(行政补贴),用户收款感知“${t.perception}”,补贴类型“${t.subsidyType}”,单笔 ${yuan(t.minFen)}–${yuan(t.maxFen)} 元;商户平台的设置没有可读接口,请人工核对`,
      advice: `商户平台 → 产品中心 → 商家转账:已开通转账场景“行政补贴”(1002),单笔限额不低于 ${yuan(t.maxFen)} 元;限额改了就同时改 WXPAY_TRANSFER_MAX_FEN`,
    });
  }

  private robots(): void {
    this.add({
      id: 'robots',
      title: '企业微信群机器人',
      settings: [],
      status: 'manual',
      detail: '群机器人只能发消息,没有只读接口,本检查不发消息;请人工核对',
      advice:
        '在每个部门的企业微信群里 添加群机器人,复制 Webhook 地址里 key= 后面的部分,由矿的管理员填入该部门(PUT /api/admin/notification-settings {robot: true, departments: {<部门代码>: <key>}});之后部门有新待办时群里会收到消息,没有收到就在管理端的“消息投递”页查看',
    });
  }
}

const MARK: Record<CheckStatus, string> = { ok: '✓', fail: '✗', manual: '—', skip: '—' };

/** The report as the console prints it. */
export function formatReport(report: CheckReport): string {
  const lines = ['民情一码通 · 微信上线检查(npm run check:wechat)', ''];
  for (const item of report.items) {
    lines.push(`${MARK[item.status]} ${item.title}${item.settings.length ? `  [${item.settings.join(', ')}]` : ''}`);
    lines.push(...item.detail.split('\n').map((l) => `    ${l}`));
    if (item.advice && item.status !== 'ok') lines.push(...`→ ${item.advice}`.split('\n').map((l) => `    ${l}`));
  }
  const count = (status: CheckStatus) => report.items.filter((i) => i.status === status).length;
  lines.push('');
  if (report.exitCode === 2) lines.push('未检查:没有真实微信的配置。');
  else lines.push(`合计:✓ ${count('ok')} 项通过,✗ ${count('fail')} 项需要处理,— ${count('manual') + count('skip')} 项请人工核对或未启用。`);
  lines.push('(✓ 已通过  ✗ 缺少或错误,必须处理  — 需人工核对,或可选功能未启用)');
  return lines.join('\n');
}
