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
