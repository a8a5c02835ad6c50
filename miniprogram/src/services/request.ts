// The one request wrapper: base URL by build, the bearer token, one error shape. Pages catch
// ApiError and show its `message`; they switch on `code` when they must act on one.
import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, type ErrorEnvelope } from '@minqing/shared';

const TOKEN_KEY = 'mq.token';
export const NETWORK_MESSAGE = '网络不好,请稍后再试';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** No answer reached us: the request may be retried as it is. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export const getToken = (): string | null => Taro.getStorageSync(TOKEN_KEY) || null;
export const setToken = (token: string | null): void => {
  if (token) Taro.setStorageSync(TOKEN_KEY, token);
  else Taro.removeStorageSync(TOKEN_KEY);
};

/** Set by session.ts: logs in again after a 401 and returns whether it worked. */
let relogin: (() => Promise<boolean>) | null = null;
export const onUnauthorized = (handler: () => Promise<boolean>): void => {
  relogin = handler;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  data?: unknown;
  headers?: Record<string, string>;
  auth?: boolean;
}

export function toApiError(status: number, body: unknown): ApiError {
  const envelope = body as Partial<ErrorEnvelope> | undefined;
  const code = typeof envelope?.code === 'string' ? envelope.code : status ? 'INTERNAL_ERROR' : 'NETWORK';
  const message = (typeof envelope?.message === 'string' && envelope.message) || ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] || NETWORK_MESSAGE;
  return new ApiError(status, code, message, envelope?.details);
}

export async function request<T>(path: string, options: RequestOptions = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const token = options.auth === false ? null : getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: { statusCode: number; data: unknown };
  try {
    response = await Taro.request({ url: `${API_BASE}${path}`, method: options.method ?? 'GET', data: options.data as never, header: headers, timeout: 15000 });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (response.statusCode === 401 && options.auth !== false && !retried && relogin) {
    setToken(null);
    if (await relogin()) return request<T>(path, options, true);
  }
  if (response.statusCode >= 400) throw toApiError(response.statusCode, response.data);
  return response.data as T;
}
