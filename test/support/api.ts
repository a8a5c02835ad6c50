// Staff steps through the real API, for browser tests that look at the worker's side of the loop.
export async function apiLogin(baseUrl: string, openid: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/wx-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `test:${openid}` }),
  });
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

/** Submits an appeal as a worker; returns its id and serial. */
export async function apiSubmit(baseUrl: string, token: string, body: object): Promise<{ id: string; serial: string }> {
  const response = await fetch(`${baseUrl}/api/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`submit failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; serial: string };
}

export async function apiGet<T>(baseUrl: string, token: string | null, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (response.status !== 200) throw new Error(`GET ${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
