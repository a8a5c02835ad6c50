// Staff steps through the real API, for browser tests that look at the worker's side of the loop.
export async function apiLogin(baseUrl: string, openid: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/wx-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `test:${openid}` }) });
  return ((await response.json()) as { token: string }).token;
}

export async function apiAct(baseUrl: string, token: string, id: string, action: string, body: object = {}): Promise<void> {
  const response = await fetch(`${baseUrl}/api/appeals/${id}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${action} failed: ${response.status} ${await response.text()}`);
}
