// The red dot on 我的诉求: every notification to a worker lands in the in-app inbox, pushed or not,
// so the tab shows how many are unread wherever the worker is.
import Taro from '@tarojs/taro';
import { listNotices } from './api';
import { getToken } from './request';

const MINE_TAB = 1;

export function showUnread(unread: number): void {
  if (unread > 0) void Taro.setTabBarBadge({ index: MINE_TAB, text: String(Math.min(unread, 99)) }).catch(() => undefined);
  else void Taro.removeTabBarBadge({ index: MINE_TAB }).catch(() => undefined);
}

/** For pages that do not load the inbox themselves; does nothing before the worker has logged in. */
export async function refreshUnreadBadge(): Promise<void> {
  if (!getToken()) return;
  const notices = await listNotices().catch(() => null);
  if (notices) showUnread(notices.unread);
}
