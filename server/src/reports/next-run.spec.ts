import { NextRun } from './next-run.js';

/** A computation the test ends by hand; `started` counts how many began. */
function computations() {
  const ends: Array<(value: number) => void> = [];
  return {
    ends,
    work: () => new Promise<number>((resolve) => ends.push(resolve)),
  };
}

describe('the next run of a computation', () => {
  it('serves every request that came during a run with one run started after it, never the one already running', async () => {
    const runs = new NextRun<number>();
    const { ends, work } = computations();
    const first = runs.run('org|2026-06', work);
    const during = [runs.run('org|2026-06', work), runs.run('org|2026-06', work), runs.run('org|2026-06', work)];
    expect(ends).toHaveLength(1);
    ends[0](1);
    expect(await first).toBe(1);
    await Promise.resolve();
    expect(ends).toHaveLength(2); // the waiting ones' run began only once the first had ended
    ends[1](2);
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
  });

  it('runs keys apart, starts afresh once idle, and lets a failed run fail only its own requests', async () => {
    const runs = new NextRun<number>();
    const { ends, work } = computations();
    const a = runs.run('a', work);
    const b = runs.run('b', work);
    expect(ends).toHaveLength(2);
    ends[0](1);
    ends[1](2);
    expect([await a, await b]).toEqual([1, 2]);
    const failing = runs.run('a', () => Promise.reject(new Error('lost the database')));
    const after = runs.run('a', work);
    await expect(failing).rejects.toThrow('lost the database');
    await Promise.resolve();
    ends[2](3);
    expect(await after).toBe(3);
  });
});
