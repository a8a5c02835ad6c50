// The system's edge for tap-to-call in H5: a phone's browser hands tel: to its dialer; headless Chromium would
// stop at its external-protocol prompt. The link is followed up to there — the page's own handlers run — and
// the number that would be dialled is recorded instead.
import type { Page } from 'playwright-core';

type Dialled = { dialled?: string[] };

/** From now until the page is reloaded, tel: links are recorded instead of followed. */
export async function recordDialling(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.addEventListener('click', (event) => {
      const link = (event.target as Element).closest('a[href^="tel:"]');
      if (!link) return;
      event.preventDefault();
      (window as unknown as Dialled).dialled = [...((window as unknown as Dialled).dialled ?? []), link.getAttribute('href')!];
    });
  });
}

/** The tel: links tapped since recordDialling. */
export function dialled(page: Page): Promise<string[] | undefined> {
  return page.evaluate(() => (window as unknown as Dialled).dialled);
}
