// The official account's menu limits: ≤ 3 buttons, ≤ 5 sub-buttons each, name lengths in bytes.
import type { MenuButton } from '../wechat-api.client.js';

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
