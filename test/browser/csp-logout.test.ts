// The H5 app under its Content-Security-Policy: the worker's form with a photo preview, the profile
// page and its 退出登录 run with no violation of the policy; logging out revokes the token on the
// server and forgets it in the browser; Swagger UI keeps working under its own policy.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { ARTIFACTS, screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
// Chromium reports each refused script, style, image or request on the console: the session collects
// them (and fails any test that caused one); these tests look at them before the end as well.
const violations = session.cspViolations;

it('sends the H5 app with a policy that allows only its own scripts and the inline one by hash', async () => {
  const response = await fetch(`${session.server.baseUrl}/`);
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
  expect(policy).toContain("connect-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
});

it('runs the form with a photo preview and the profile page with no policy violation', async () => {
  await session.loginAs('worker_yuanyongjian');
  await session.page.goto(`${session.server.baseUrl}/q/cy/dorm2`);
  await session.page.locator('#place-badge').waitFor();
  const photo = path.join(ARTIFACTS, 'csp-photo.jpg');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(
    photo,
    await sharp({ create: { width: 320, height: 240, channels: 3, background: '#455a64' } })
      .jpeg()
      .toBuffer(),
  );
  const [chooser] = await Promise.all([session.page.waitForEvent('filechooser'), session.page.locator('#add-photo').tap()]);
  await chooser.setFiles(photo);
  await session.page.locator('.photo-picker__thumb').waitFor();
  await session.page.waitForFunction(() =>
    [...document.querySelectorAll('.photo-picker__thumb img, img.photo-picker__thumb')].some((img) => (img as HTMLImageElement).naturalWidth > 0),
  );
  await session.page.goto(`${session.server.baseUrl}/#/pages/profile/index`);
  await session.visible('#profile-name').waitFor();
  await session.settle();
  expect(violations).toEqual([]);
});

it('logs out from 我的 after a confirmation: the token is revoked and forgotten', async () => {
  await session.loginAs('worker_huangzhanchao');
  await session.page.goto(`${session.server.baseUrl}/#/pages/profile/index`);
  await session.visible('#logout').waitFor();
  const token = await session.page.evaluate(() => {
    const raw = localStorage.getItem('mq.token');
    try {
      return (JSON.parse(raw ?? 'null') as { data?: string } | null)?.data ?? raw;
    } catch {
      return raw;
    }
  });
  expect(token).toEqual(expect.any(String));
  const me = () => fetch(`${session.server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  expect(await me()).toBe(200);

  await session.visible('#logout').tap();
  await session.page.locator('.taro-modal__title', { hasText: '退出登录?' }).waitFor();
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('profile-logout-confirm') });
  // 取消 keeps the person logged in.
  await session.page.locator('.taro-modal__foot >> text=取消').tap();
  await session.settle();
  expect(await me()).toBe(200);

  await session.visible('#logout').tap();
  await session.page.locator('.taro-modal__foot >> text=退出').tap();
  await session.page.waitForURL(/pages\/login\/index/);
  expect(await me()).toBe(401);
  expect(await session.page.evaluate(() => localStorage.getItem('mq.token'))).toBeNull();
  expect(violations).toEqual([]);
});

it('keeps Swagger UI working under its own policy', async () => {
  const response = await session.page.goto(`${session.server.baseUrl}/api/docs`);
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
  await session.page.locator('.swagger-ui .opblock').first().waitFor();
  expect(await session.page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(60);
  expect(violations).toEqual([]);
});
