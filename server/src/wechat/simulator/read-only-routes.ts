// The read-only WeChat APIs `npm run check:wechat` calls to see what an account has set up, answered as
// WeChat documents them: the mini-program's picked subscription templates and a 公众号's current menu.
import type { MenuButton } from '../wechat-api.client.js';

type Json = Record<string, unknown>;
type Reply = { status?: number; json?: Json };
type Route = (query: Record<string, string>, body: Json) => Reply | Promise<Reply>;

/** The server domains set in 开发管理 → 开发设置 → 服务器域名, as getwxadevinfo lists them ("https://host"). */
export interface ServerDomains {
  requestdomain?: string[];
  uploaddomain?: string[];
  downloaddomain?: string[];
}

/** What the simulated mini-program's account has set up, for the read-only APIs to answer. */
export interface ReadOnlySimulatorOptions {
  /** Its server domains (none, as a new mini-program has, unless given). */
  serverDomains?: ServerDomains;
}

export interface ReadOnlyContext {
  serverDomains?: ServerDomains;
  /** The mini-program's token check (null: the token is the mini-program's; otherwise WeChat's refusal). */
  checkToken(query: Record<string, string>): Reply | null;
  /** Whose token this is, or WeChat's refusal of it. */
  tokenOwner(query: Record<string, string>): { appid: string } | { denied: Reply };
  /** The templates the mini-program picked (undefined: the simulator was given none). */
  templates?: { id: string; keys: string[] }[];
  /** Each 公众号's menu by its appid, as menu/create set it. */
  menus: Map<string, { button: MenuButton[] }>;
  /** The 公众号 the simulated WeChat knows. */
  isOfficialAccount(appid: string): boolean;
}

/**
 * A picked template's 详细内容 as WeChat shows it: one line a keyword, `名称:{{key.DATA}}`. The simulator
 * knows only the keys, so the names are placeholders.
 */
const templateContent = (keys: string[]) => keys.map((key, i) => `字段${i + 1}:{{${key}.DATA}}\n`).join('');

/** selfmenu_info lists a button's sub-buttons under `sub_button.list`, unlike menu/create's plain array. */
function selfMenuButton(button: MenuButton): Json {
  const { sub_button: subs, ...rest } = button;
  return subs?.length ? { name: rest.name, sub_button: { list: subs.map((sub) => selfMenuButton(sub)) } } : rest;
}

export function readOnlyRoutes(context: ReadOnlyContext): Record<string, Route> {
  return {
    // 获取个人模板列表 (getTemplateList): the templates added to the account, each with its priTmplId, its
    // content naming every keyword key ({{thing2.DATA}}) and its type, 2 for 一次性订阅; the mini-program's
    // token (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getTemplateList.html).
    'GET /wxaapi/newtmpl/gettemplate': (query) => {
      const denied = context.checkToken(query);
      if (denied) return denied;
      const data = (context.templates ?? []).map((t) => ({ priTmplId: t.id, title: '诉求进展通知', content: templateContent(t.keys), example: '', type: 2 }));
      return { json: { errcode: 0, errmsg: 'ok', data } };
    },
    // 查询域名配置 (getDomainInfo): the mini-program's token; action getserverdomain lists the server domains
    // (request, socket, uploadFile, downloadFile, udp), getbizdomain the business domains, none both
    // (https://developers.weixin.qq.com/miniprogram/dev/api-backend/open-api/operation/operation.getDomainInfo.html).
    'POST /wxa/getwxadevinfo': (query, body) => {
      const denied = context.checkToken(query);
      if (denied) return denied;
      const action = body.action;
      if (action !== undefined && action !== 'getserverdomain' && action !== 'getbizdomain') return { json: { errcode: 40097, errmsg: 'invalid args' } };
      const domains = context.serverDomains ?? {};
      const server = {
        requestdomain: domains.requestdomain ?? [],
        wsrequestdomain: [],
        uploaddomain: domains.uploaddomain ?? [],
        downloaddomain: domains.downloaddomain ?? [],
        udpdomain: [],
      };
      return { json: { errcode: 0, errmsg: 'ok', ...(action !== 'getbizdomain' ? server : {}), ...(action !== 'getserverdomain' ? { bizdomain: [] } : {}) } };
    },
    // 查询自定义菜单信息 (getCurrentSelfmenuInfo): a 公众号's token, certified or not; is_menu_open 0 and no
    // selfmenu_info when no menu is set, else the buttons with sub-buttons under sub_button.list
    // (https://developers.weixin.qq.com/doc/service/api/custommenu/api_getcurrentselfmenuinfo,
    // https://developers.weixin.qq.com/doc/offiaccount/en/Custom_Menus/Querying_Custom_Menus.html). The
    // mini-program's token has no menu API (48001), as for menu/create.
    'GET /cgi-bin/get_current_selfmenu_info': (query) => {
      const owner = context.tokenOwner(query);
      if ('denied' in owner) return owner.denied;
      if (!context.isOfficialAccount(owner.appid)) return { json: { errcode: 48001, errmsg: 'api unauthorized' } };
      const menu = context.menus.get(owner.appid);
      if (!menu) return { json: { is_menu_open: 0 } };
      return { json: { is_menu_open: 1, selfmenu_info: { button: menu.button.map((b) => selfMenuButton(b)) } } };
    },
  };
}
