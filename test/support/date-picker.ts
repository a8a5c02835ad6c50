// Taro's H5 date picker (Picker mode='date'), driven as a person drives it: tap the field, which slides up a
// wheel of three columns (年, 月, 日) over the page — Taro appends the overlay to <body>, outside the page; on
// each column tap the row showing the wanted value (a tap on a row turns the wheel to it; the rows seen are
// the one in the middle and three either side, so a value further away takes a few taps); then tap 确定.
import type { Locator, Page } from 'playwright-core';

/** The height of one row of Taro's wheel, and the offset of the middle row (its constants TOP and LINE_HEIGHT). */
const ROW = 34;
const TOP = 102;

/** The row in the middle of a column, and the row showing `label`, by their index in the column. */
async function rows(column: Locator, label: string): Promise<{ middle: number; wanted: number; offset: string }> {
  return column.evaluate(
    (group, [label, row, top]) => {
      const content = group.querySelector<HTMLElement>('.weui-picker__content')!;
      // The wheel's resting place is the inline style it transitions to (the computed one moves meanwhile).
      const offset = /translate3d\(0(?:px)?, (-?[\d.]+)px/.exec(content.style.transform)?.[1] ?? '0';
      const labels = [...group.querySelectorAll('.weui-picker__item')].map((item) => item.textContent);
      return { middle: Math.round((top - Number(offset)) / row), wanted: labels.indexOf(label), offset };
    },
    [label, ROW, TOP] as const,
  );
}

/**
 * Picks `day` (YYYY-MM-DD) on the date field `field` (its tappable element) and returns the taps it took: one
 * to open, one per row tapped, one for 确定. `screenshot`: a path for the wheel turned to the day, before 确定.
 */
export async function pickDate(page: Page, field: string, day: string, screenshot?: string): Promise<number> {
  await page.locator(`${field}:visible`).tap();
  let taps = 1;
  const sheet = page.locator('.weui-picker__overlay:not([style*="none"]) .weui-picker');
  await sheet.waitFor();
  // The sheet slides up (0.3 s): a row is tapped where it rests, at the bottom of the screen.
  await page.waitForFunction(() => {
    const box = [...document.querySelectorAll<HTMLElement>('.weui-picker__overlay')].find((o) => o.style.display !== 'none')?.querySelector('.weui-picker');
    return !!box && Math.abs(box.getBoundingClientRect().bottom - window.innerHeight) < 1 && box.getAnimations().every((a) => a.playState === 'finished');
  });
  const [year, month, date] = day.split('-').map(Number);
  const labels = [`${year}年`, `${String(month).padStart(2, '0')}月`, `${String(date).padStart(2, '0')}日`];
  for (const [index, label] of labels.entries()) {
    const column = sheet.locator('.weui-picker__group').nth(index);
    for (let tapped = 0; ; tapped++) {
      const { middle, wanted, offset } = await rows(column, label);
      if (wanted < 0) throw new Error(`the wheel offers no ${label}`);
      if (middle === wanted) break;
      if (tapped > 40) throw new Error(`the wheel did not turn to ${label}`);
      // The row showing it, or the last row seen on the way there.
      const step = Math.max(-3, Math.min(3, wanted - middle));
      const box = (await column.locator('.weui-picker__indicator').boundingBox())!;
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2 + step * ROW);
      taps++;
      // The wheel turns (its resting place moves), and comes to rest there, before the next look.
      const group = await column.elementHandle();
      await page.waitForFunction(
        ([el, before]) => {
          const content = el!.querySelector<HTMLElement>('.weui-picker__content')!;
          const resting = /translate3d\(0(?:px)?, (-?[\d.]+)px/.exec(content.style.transform)?.[1] ?? '0';
          return resting !== before && Math.abs(new DOMMatrix(getComputedStyle(content).transform).m42 - Number(resting)) < 0.5;
        },
        [group, offset] as const,
      );
    }
  }
  if (screenshot) await page.screenshot({ path: screenshot });
  await sheet.locator('.weui-picker__action', { hasText: '确定' }).tap();
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.weui-picker__overlay')].every((o) => o.style.display === 'none'));
  return taps + 1;
}
