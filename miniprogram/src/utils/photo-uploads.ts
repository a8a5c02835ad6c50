// The photos of the form that are not on the server yet: each one's progress, a failure and its retry, and what
// 提交诉求 waits for. Apart from Taro and React so that a test can drive it (test/miniprogram/photo-uploads.test.ts).

/** One upload under way: resolves to the server's id; abort() ends it (its promise then rejects). */
export interface UploadTask {
  done: Promise<{ id: string }>;
  abort(): void;
}

/** Starts sending a prepared file, reporting its progress in per cent. */
export type StartUpload = (path: string, onProgress: (percent: number) => void) => UploadTask;

/** A picked file made ready on the phone (compressed, with its thumbnail), or why it cannot be sent. */
export type Prepared = { path: string; thumb: string } | { problem: string };

export interface PendingPhoto {
  key: string;
  /** What the form shows for it meanwhile ('' while the phone still prepares it). */
  thumb: string;
  progress: number;
  state: 'uploading' | 'failed';
  /** Why it failed, in the worker's words. */
  problem?: string;
}

interface Entry extends PendingPhoto {
  path?: string;
  task?: UploadTask;
}

/** A photo the server has: its id, and the thumbnail the draft keeps. */
export interface UploadedPhoto {
  id: string;
  thumb: string;
}

/** What 提交诉求 waits for, counting the photos already on the server before these: "正在上传第 2 张照片…(40%)". */
export function waitingFor(pending: PendingPhoto[], photosBefore: number): string | null {
  const index = pending.findIndex((p) => p.state === 'uploading');
  if (index < 0) return null;
  return `正在上传第 ${photosBefore + index + 1} 张照片…(${pending[index].progress}%)`;
}

export class PhotoUploads {
  private entries: Entry[] = [];
  private waiters: Array<() => void> = [];
  private counter = 0;

  constructor(
    private readonly start: StartUpload,
    private readonly on: {
      /** Every change of the list, for the page to draw. */
      changed: (pending: PendingPhoto[]) => void;
      /** A photo the server now has: it joins the draft. */
      uploaded: (photo: UploadedPhoto) => void;
      /** A picked file refused before any upload (no photo, still too big): why. */
      refused: (problem: string) => void;
    },
  ) {}

  get pending(): PendingPhoto[] {
    return this.entries.map(({ key, thumb, progress, state, problem }) => ({ key, thumb, progress, state, ...(problem ? { problem } : {}) }));
  }

  get uploading(): boolean {
    return this.entries.some((e) => e.state === 'uploading');
  }

  get failed(): PendingPhoto[] {
    return this.pending.filter((p) => p.state === 'failed');
  }

  /**
   * Takes a picked photo while the phone prepares it, and sends it once prepared: 提交诉求 waits for it from the
   * pick on. Its thumbnail shows meanwhile and goes with it into the draft.
   */
  add(preparing: Promise<Prepared>): void {
    const entry: Entry = { key: `p${++this.counter}`, thumb: '', progress: 0, state: 'uploading' };
    this.entries.push(entry);
    this.update();
    preparing.then(
      (prepared) => {
        if (!this.entries.includes(entry)) return;
        if ('problem' in prepared) {
          this.entries = this.entries.filter((e) => e !== entry);
          this.on.refused(prepared.problem);
          this.update();
          return;
        }
        Object.assign(entry, prepared);
        this.send(entry);
      },
      () => {
        if (!this.entries.includes(entry)) return;
        this.entries = this.entries.filter((e) => e !== entry);
        this.on.refused('这张照片读不出来,请换一张');
        this.update();
      },
    );
  }

  retry(key: string): void {
    const entry = this.entries.find((e) => e.key === key && e.state === 'failed');
    if (!entry) return;
    Object.assign(entry, { state: 'uploading', progress: 0, problem: undefined });
    this.send(entry);
  }

  /** Takes a photo out of the form, ending its upload if it is still going. */
  remove(key: string): void {
    const entry = this.entries.find((e) => e.key === key);
    if (!entry) return;
    this.entries = this.entries.filter((e) => e !== entry);
    entry.task?.abort();
    this.update();
  }

  /** Every photo not on the server leaves the form (the worker chose to send without them, or the form was sent). */
  dropAll(): void {
    const entries = this.entries;
    this.entries = [];
    for (const entry of entries) entry.task?.abort();
    this.update();
  }

  /** Resolves once no photo is uploading (each one arrived or failed). */
  settled(): Promise<void> {
    if (!this.uploading) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private send(entry: Entry): void {
    const task = this.start(entry.path!, (percent) => {
      if (entry.task !== task) return;
      entry.progress = Math.max(entry.progress, Math.min(99, Math.round(percent)));
      this.update();
    });
    entry.task = task;
    this.update();
    task.done.then(
      ({ id }) => {
        // Removed, or sent again, meanwhile: this answer is no one's.
        if (entry.task !== task || !this.entries.includes(entry)) return;
        this.entries = this.entries.filter((e) => e !== entry);
        this.on.uploaded({ id, thumb: entry.thumb });
        this.update();
      },
      (error: unknown) => {
        if (entry.task !== task || !this.entries.includes(entry)) return;
        Object.assign(entry, { state: 'failed', problem: (error as { message?: string } | null)?.message || '照片没有传上去,请重试' });
        this.update();
      },
    );
  }

  private update(): void {
    this.on.changed(this.pending);
    if (this.uploading) return;
    const waiters = this.waiters.splice(0);
    for (const resolve of waiters) resolve();
  }
}
