// The taps a person makes, counted per step of a browser test and printed as a markdown table: how many
// touches each task takes on the phone is what the office asks about, not how long it took.
import type { BrowserSession } from './browser-session.js';

export interface TapCounter {
  /** Taps the visible match of `selector` (its first), counting one. */
  tap(selector: string): Promise<void>;
  /** Counts taps made otherwise (a page opened by its address, the phone's back gesture, a wheel turned). */
  add(taps?: number): void;
  /** Ends a step: its taps are kept under `step`, and counting starts again. */
  done(step: string): void;
  steps: Array<[step: string, taps: number]>;
  /** The steps as a markdown table (步骤 | 点按次数), with the total. */
  table(): string;
}

export function tapCounter(session: BrowserSession): TapCounter {
  let count = 0;
  const counter: TapCounter = {
    steps: [],
    async tap(selector) {
      await session.visible(selector).first().tap();
      count++;
    },
    add(taps = 1) {
      count += taps;
    },
    done(step) {
      counter.steps.push([step, count]);
      count = 0;
    },
    table() {
      const total = counter.steps.reduce((sum, [, n]) => sum + n, 0);
      return ['| 步骤 | 点按次数 |', '|---|---|', ...counter.steps.map(([step, n]) => `| ${step} | ${n} |`), `| 合计 | ${total} |`].join('\n');
    },
  };
  return counter;
}
