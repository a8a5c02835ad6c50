// Who is using the mini-program. In WeChat: wx.login's code, silently. In the H5 demo, where there is
// no wx.login, the login page lets a person pick a demo user and logs in with a simulator code.
import Taro from '@tarojs/taro';
import type { DemoUserView, LoginResponse } from '@minqing/shared';
import { getToken, onUnauthorized, request, setToken } from './request';

export const isH5 = process.env.TARO_ENV === 'h5';

export async function loginWithCode(code: string): Promise<LoginResponse> {
  const response = await request<LoginResponse>('/api/auth/wx-login', { method: 'POST', data: { code }, auth: false });
  setToken(response.token);
  return response;
}

/** Ends the session on the server (every token of the person stops working) and forgets the token here, even offline. */
export async function logout(): Promise<void> {
  try {
    if (getToken()) await request<void>('/api/auth/logout', { method: 'POST', data: {} });
  } finally {
    setToken(null);
  }
}

export const listDemoUsers = (): Promise<DemoUserView[]> => request<DemoUserView[]>('/api/demo/users', { auth: false });

export function currentPagePath(): string {
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1];
  if (!page) return '/pages/submit/index';
  const query = Object.entries(page.options ?? {})
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `/${page.route}${query ? `?${query}` : ''}`;
}

/** Makes sure there is a token; in H5 without one, sends the person to the demo login page. */
export async function ensureLogin(): Promise<boolean> {
  if (getToken()) return true;
  if (isH5) {
    await Taro.navigateTo({ url: `/pages/login/index?redirect=${encodeURIComponent(currentPagePath())}` });
    return false;
  }
  const { code } = await Taro.login();
  await loginWithCode(code);
  return true;
}

onUnauthorized(async () => {
  if (isH5) {
    void Taro.navigateTo({ url: `/pages/login/index?redirect=${encodeURIComponent(currentPagePath())}` });
    return false;
  }
  try {
    const { code } = await Taro.login();
    await loginWithCode(code);
    return true;
  } catch {
    return false;
  }
});
