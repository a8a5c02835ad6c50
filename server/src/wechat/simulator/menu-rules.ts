// The official account's menu as WeChat documents it
// (https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu): whose token may set
// it, and its limits: ≤ 3 buttons, ≤ 5 sub-buttons each, name lengths in bytes.
import type { MenuButton } from '../wechat-api.client.js';

/** A 公众号 as the simulator knows it. */
export interface SimulatedOfficialAccount {
  appid: string;
  secret: string;
  /** 自定义菜单 needs a certified 订阅号 or a 服务号 (default true). */
  certified?: boolean;
  /** Mini-programs linked (关联) to the account: only these can a miniprogram button open. */
  linkedMiniPrograms: string[];
}

/**
 * Who may set the menu:
 * - only a 公众号's token, and only a certified one: a token of another account (the mini-program's) or an
 *   uncertified 订阅号 is answered 48001 api unauthorized (WeChat staff: "调用自定义菜单需要已认证的订阅号和服务号",
 *   https://developers.weixin.qq.com/community/develop/doc/000eee315849a087efde13a8256400; "确认下access_token是不是
 *   对应appid的access_token", https://developers.weixin.qq.com/community/develop/doc/000e6eeb3e8940d23c1bf0c3750000);
 * - a miniprogram button opens only a mini-program linked to the account: 85005 appid not bind weapp otherwise
 *   (https://cnblogs.com/syeacfpl/p/14803700.html, https://www.cnblogs.com/itslives-com/p/miniprogram.html).
 */
export function menuAccountError(account: SimulatedOfficialAccount | undefined, menu: { button?: MenuButton[] }): { errcode: number; errmsg: string } | null {
  if (!account || account.certified === false) return { errcode: 48001, errmsg: 'api unauthorized' };
  const leaves = (menu?.button ?? []).flatMap((b) => (b.sub_button?.length ? b.sub_button : [b]));
  if (leaves.some((leaf) => leaf.type === 'miniprogram' && leaf.appid && !account.linkedMiniPrograms.includes(leaf.appid)))
    return { errcode: 85005, errmsg: 'appid not bind weapp' };
  return null;
}

export function menuError(menu: { button?: MenuButton[] }): { errcode: number; errmsg: string } | null {
  const buttons = menu?.button;
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 3) return { errcode: 40016, errmsg: 'invalid button size' };
  for (const button of buttons) {
    if (Buffer.byteLength(button.name ?? '') > 16 || !button.name) return { errcode: 40018, errmsg: 'invalid button name size' };
    const subs = button.sub_button ?? [];
    if (subs.length > 5) return { errcode: 40023, errmsg: 'invalid sub button size' };
    for (const sub of subs) {
      if (!sub.name || Buffer.byteLength(sub.name) > 60) return { errcode: 40021, errmsg: 'invalid sub button name size' };
    }
    for (const leaf of subs.length ? subs : [button]) {
      if (!['view', 'miniprogram', 'click'].includes(leaf.type ?? '')) return { errcode: 40017, errmsg: 'invalid button type' };
      if (leaf.type === 'miniprogram' && (!leaf.appid || !leaf.pagepath || !leaf.url)) return { errcode: 40017, errmsg: 'invalid button type' };
      if (leaf.type === 'view' && !leaf.url) return { errcode: 40055, errmsg: 'invalid button url domain' };
    }
  }
  return null;
}
