// The photos of the form still on their way: 提交诉求 waits for them (saying which one), a failure waits for the
// worker's choice, and nothing that was taken out of the form — or that came after it was sent — comes back into it.
import { PhotoUploads, waitingFor, type PendingPhoto, type Prepared, type UploadedPhoto } from '../../miniprogram/src/utils/photo-uploads.js';

interface FakeUpload {
  path: string;
  progress(percent: number): void;
  finish(id: string): void;
  fail(message: string): void;
  aborted: boolean;
}

function harness() {
  const started: FakeUpload[] = [];
  const draft: UploadedPhoto[] = [];
  const refused: string[] = [];
  let drawn: PendingPhoto[] = [];
  const uploads = new PhotoUploads(
    (path, onProgress) => {
      let resolve!: (value: { id: string }) => void;
      let reject!: (error: Error) => void;
      const done = new Promise<{ id: string }>((res, rej) => ((resolve = res), (reject = rej)));
      const upload: FakeUpload = {
        path,
        progress: onProgress,
        finish: (id) => resolve({ id }),
        fail: (message) => reject(new Error(message)),
        aborted: false,
      };
      started.push(upload);
      return {
        done,
        abort: () => {
          upload.aborted = true;
          reject(new Error('aborted'));
        },
      };
    },
    { changed: (pending) => (drawn = pending), uploaded: (photo) => draft.push(photo), refused: (problem) => refused.push(problem) },
  );
  const prepared = (path: string): Promise<Prepared> => Promise.resolve({ path, thumb: `thumb:${path}` });
  return { uploads, started, draft, refused, drawn: () => drawn, prepared };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('photos on their way', () => {
  it('makes 提交诉求 wait for the photo still uploading, saying which and how far', async () => {
    const h = harness();
    h.uploads.add(h.prepared('a'));
    await tick();
    expect(h.uploads.uploading).toBe(true);
    h.started[0].progress(42.4);
    // One photo is already on the server: this is the second.
    expect(waitingFor(h.uploads.pending, 1)).toBe('正在上传第 2 张照片…(42%)');
    expect(h.drawn()).toEqual([{ key: 'p1', thumb: 'thumb:a', progress: 42, state: 'uploading' }]);

    let settled = false;
    const waiting = h.uploads.settled().then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    h.started[0].finish('upload-1');
    await waiting;
    expect(h.draft).toEqual([{ id: 'upload-1', thumb: 'thumb:a' }]);
    expect(h.uploads.pending).toEqual([]);
    expect(waitingFor(h.uploads.pending, 1)).toBeNull();
  });

  it('waits for a photo the phone is still preparing, and says why one was refused before any upload', async () => {
    const h = harness();
    let finishPreparing!: (prepared: Prepared) => void;
    h.uploads.add(new Promise((resolve) => (finishPreparing = resolve)));
    expect(h.uploads.uploading).toBe(true);
    expect(waitingFor(h.uploads.pending, 0)).toBe('正在上传第 1 张照片…(0%)');
    const waiting = h.uploads.settled();
    finishPreparing({ problem: '这个文件不是照片,只能上传照片(JPG、PNG、WebP 格式)' });
    await waiting;
    expect(h.refused).toEqual(['这个文件不是照片,只能上传照片(JPG、PNG、WebP 格式)']);
    expect(h.started).toEqual([]);
    expect(h.uploads.pending).toEqual([]);
  });

  it('keeps a failed photo in the form, with its reason, until it is sent again', async () => {
    const h = harness();
    h.uploads.add(h.prepared('a'));
    await tick();
    h.started[0].fail('网络不好,照片没有传上去,请重试');
    await h.uploads.settled();
    expect(h.uploads.failed).toEqual([{ key: 'p1', thumb: 'thumb:a', progress: 0, state: 'failed', problem: '网络不好,照片没有传上去,请重试' }]);
    h.uploads.retry('p1');
    expect(h.uploads.uploading).toBe(true);
    h.started[1].finish('upload-2');
    await h.uploads.settled();
    expect(h.draft).toEqual([{ id: 'upload-2', thumb: 'thumb:a' }]);
  });

  it('lets the worker send without the photos still on their way: they are stopped and never join a later form', async () => {
    const h = harness();
    h.uploads.add(h.prepared('a'));
    h.uploads.add(h.prepared('b'));
    await tick();
    const waiting = h.uploads.settled();
    h.uploads.dropAll();
    await waiting;
    expect(h.started.map((u) => u.aborted)).toEqual([true, true]);
    // An answer that comes anyway (the upload had finished on the server) belongs to no form.
    h.started[0].finish('late');
    await tick();
    expect(h.draft).toEqual([]);
    expect(h.uploads.pending).toEqual([]);
  });

  it('never lets a removed photo come back when its upload ends', async () => {
    const h = harness();
    h.uploads.add(h.prepared('a'));
    await tick();
    h.uploads.remove('p1');
    expect(h.started[0].aborted).toBe(true);
    h.started[0].finish('late');
    await tick();
    expect(h.draft).toEqual([]);
  });
});
