// What the form's 提交诉求 waits for of the voice note: its upload in flight, and whether it failed. Apart from Taro
// and React (the component drives it, the page asks it), as utils/photo-uploads.ts is for the photos.
export class VoiceSlot {
  private current: Promise<unknown> | null = null;
  private failedUpload = false;

  /** An upload started: the form waits for it; a rejection marks it failed (until a retry or a delete). */
  track(upload: Promise<unknown>): void {
    this.failedUpload = false;
    const tracked = upload.then(
      () => {
        if (this.current === tracked) this.current = null;
      },
      () => {
        if (this.current !== tracked) return;
        this.current = null;
        this.failedUpload = true;
      },
    );
    this.current = tracked;
  }

  /** The voice note was deleted (or the form sent): nothing to wait for. */
  reset(): void {
    this.current = null;
    this.failedUpload = false;
  }

  get uploading(): boolean {
    return this.current !== null;
  }

  get failed(): boolean {
    return this.failedUpload;
  }

  /** Resolves once the voice note arrived, failed or was deleted. */
  async settled(): Promise<void> {
    while (this.current) await this.current;
  }
}
