// Many leaders opening the same dashboard at once cost one computation at a time, not one each: a
// request that comes while the figures of its (organisation, month) are being computed waits for the
// next computation, which starts when the current one ends and serves every request that waited for it.
// Never the one already running: that one started before the request came, so it might miss a change
// the requester has just made; the next one starts after every request it serves arrived, so each sees
// at least what was committed when it asked. At most one computation per key runs, one more waits.
export class NextRun<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly waiting = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting;
    const current = this.running.get(key);
    if (!current) return this.start(key, work);
    const next = current.then(
      () => this.startWaiting(key, work),
      () => this.startWaiting(key, work),
    );
    this.waiting.set(key, next);
    return next;
  }

  private startWaiting(key: string, work: () => Promise<T>): Promise<T> {
    this.waiting.delete(key);
    return this.start(key, work);
  }

  private start(key: string, work: () => Promise<T>): Promise<T> {
    const run = work();
    this.running.set(key, run);
    const done = () => {
      if (this.running.get(key) === run) this.running.delete(key);
    };
    run.then(done, done);
    return run;
  }
}
