// A worker reads 使用帮助与隐私 from 我的, then deletes their personal information: asked once with what
// goes and what stays, then logged out; their appeal stays with the office without their name or phone.
import { apiGet, apiLogin } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

it('explains the loop, who sees what and what is collected, and erases the worker’s data after one confirmation', async () => {
  const { page } = session;
  const base = session.server.baseUrl;
  await loginAs('worker_duanwei');
  await page.goto(`${base}/#/pages/profile/index`);
  await visible('#profile-name').waitFor();
  const name = (await visible('#profile-name').innerText()).trim();
  expect(name).not.toBe('职工');

  await visible('#open-help').tap();
  await visible('#help-steps').waitFor();
  const help = await visible('.help-page').innerText();
  for (const words of ['诉求怎么办', '谁能看到我是谁', '只有党群工作部能看到您是谁', '我们收集什么、为什么', '删除您的个人信息']) expect(help).toContain(words);
  await session.settle();
  await page.screenshot({ path: screenshotPath('help-1'), fullPage: true });
  await page.goBack();

  // The office's view of this worker's appeal, before.
  const mine = await apiGet<Array<{ id: string }> | { items: Array<{ id: string }> }>(base, await apiLogin(base, 'worker_duanwei'), '/api/appeals?scope=mine');
  const appealId = (Array.isArray(mine) ? mine : mine.items)[0].id;
  const office = await apiLogin(base, 'cy_office');
  expect(JSON.stringify(await apiGet(base, office, `/api/appeals/${appealId}`))).toContain(name);

  await visible('#erase-my-data').tap();
  await page.locator('.taro-modal__title', { hasText: '删除我的个人信息?' }).waitFor();
  expect(await page.locator('.taro-modal__content').innerText()).toContain('诉求会继续办理和公示');
  await page.locator('.taro-modal__foot >> text=不删除').tap();
  await visible('#erase-my-data').tap();
  await page.locator('.taro-modal__foot >> text=删除').last().tap();
  await page.waitForURL(/pages\/login\/index/);

  // The appeal is still with the office, without the name.
  const after = JSON.stringify(await apiGet(base, office, `/api/appeals/${appealId}`));
  expect(after).not.toContain(name);
  expect(after).toContain(appealId);
}, 90_000);
