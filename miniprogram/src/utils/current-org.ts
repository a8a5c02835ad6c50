// The mine this phone last reported to (from a sticker), so tabs without a sticker link — the public
// report — show the right organisation. Falls back to the build's default mine.
import Taro from '@tarojs/taro';

const KEY = 'mq-current-org';

export function rememberOrg(code: string): void {
  if (code) Taro.setStorageSync(KEY, code);
}

export function currentOrg(): string {
  return (Taro.getStorageSync(KEY) as string) || DEFAULT_ORG;
}

/**
 * The mine a link names (the 公众号 menu's 诉求公示 opens `pages/public/index?org=<code>`), remembered as this
 * phone's mine; without one (the tab tapped), the remembered mine.
 */
export function orgFromLink(linked: string | undefined): string {
  if (linked && /^[A-Za-z0-9_-]{1,32}$/.test(linked)) {
    rememberOrg(linked);
    return linked;
  }
  return currentOrg();
}
