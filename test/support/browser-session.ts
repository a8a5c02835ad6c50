// One demo server and one phone-sized Chromium page per browser test file, with the steps every
// browser test takes: log in as a demo user, wait for Taro's page transition and toasts.
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, phoneContext } from './browser.js';
import { startDemoServer, type DemoServer, type DemoServerOptions } from './demo-server.js';

export interface BrowserSession {
  server: DemoServer;
  page: Page;
  /** Picks a demo user on the H5 login page. */
  loginAs(openid: string): Promise<void>;
  /** Lets a page transition (300 ms) — and with `toast`, a success toast (1.5 s) — pass before a screenshot. */
  settle(toast?: boolean): Promise<void>;
  /** Taro's H5 keeps earlier pages of the stack in the document, hidden: the visible match. */
  visible(selector: string): Locator;
  /** Logs in as a staff member and opens an appeal on the workbench, as from a notice's link. */
  openAsStaff(openid: string, appealId: string): Promise<void>;
  /** What Chromium refused under a page's Content-Security-Policy; each test fails on one. */
  cspViolations: string[];
}

/** `options` are read when the server starts (in beforeAll), so a test may fill them in a beforeAll of its own declared first. */
export function useBrowserSession(options: DemoServerOptions = {}, browserOptions: { chromiumArgs?: string[] } = {}): BrowserSession {
  let browser: Browser;
  const session = {} as BrowserSession;
  beforeAll(async () => {
    session.server = await startDemoServer(options);
    browser = await launchChromium(browserOptions.chromiumArgs);
    session.page = await (await phoneContext(browser)).newPage();
    session.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) session.cspViolations.push(message.text());
    });
  });
  session.cspViolations = [];
  afterEach(() => {
    const violations = session.cspViolations.splice(0);
    expect(violations).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await session.server?.stop();
  });
  session.loginAs = async (openid) => {
    await session.page.goto(`${session.server.baseUrl}/#/pages/login/index`);
    await session.page.locator(`.demo-user[data-openid="${openid}"]`).tap();
    await session.page.waitForURL(/pages\/submit\/index/);
    // The form drawn means the login's own navigation is over: a page opened now is not replaced under the test.
    await session.page.locator('#submit-button:visible').waitFor();
  };
  session.settle = (toast = false) => session.page.waitForTimeout(toast ? 1700 : 500);
  session.visible = (selector) => session.page.locator(`${selector}:visible`);
  session.openAsStaff = async (openid, appealId) => {
    await session.loginAs(openid);
    await session.page.goto(`${session.server.baseUrl}/#/admin/appeal/index?id=${appealId}`);
    await session.visible('#staff-serial').waitFor();
  };
  return session;
}
