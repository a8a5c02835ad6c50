import { eachInSlices, mapInSlices, SLICE_MS } from './in-slices.js';

/** Work that takes at least `ms` of the thread (what a row of a large month costs, many times over). */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('in slices', () => {
  it('lets what waits on the event loop run while a long list is worked through, and keeps the order', async () => {
    // 1,024 items of at least SLICE_MS / 64 each: four slices' worth at the least.
    const items = Array.from({ length: 1024 }, (_, i) => i);
    const seen: number[] = [];
    let otherRanAt: number | null = null;
    setImmediate(() => (otherRanAt = seen.length));
    await eachInSlices(items, (item) => {
      busy(SLICE_MS / 64);
      seen.push(item);
    });
    expect(seen).toEqual(items);
    // The other work ran after some items and before the last: in between, not after the whole list.
    expect(otherRanAt).not.toBeNull();
    expect(otherRanAt).toBeGreaterThan(0);
    expect(otherRanAt).toBeLessThan(items.length);
  });

  it('maps to what Array.map gives', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ n: i }));
    expect(await mapInSlices(items, (x) => x.n * 2)).toEqual(items.map((x) => x.n * 2));
    expect(await mapInSlices([], (x) => x)).toEqual([]);
  });
});
