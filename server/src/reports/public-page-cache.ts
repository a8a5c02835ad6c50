// The public pages are drawn only from published report versions, which never change: a correction is
// a new version with a new id. So a page drawn once can be served again for as long as the set of
// published versions (and the organisation's name and slogan) is the same — the key says exactly that,
// and every instance computes the same page for the same key, so nothing here is state to share.
import { Injectable } from '@nestjs/common';

/** Enough for every organisation's home page and its recent months, in a few MB. */
const MAX_PAGES = 500;

@Injectable()
export class PublicPageCache {
  /** Pages being drawn share one draw: right after a publication many readers ask at once. */
  private readonly pages = new Map<string, Promise<string>>();

  get(key: string, draw: () => Promise<string>): Promise<string> {
    const hit = this.pages.get(key);
    if (hit) {
      // Most recently used last, so the oldest is the one to drop.
      this.pages.delete(key);
      this.pages.set(key, hit);
      return hit;
    }
    const page = draw();
    this.pages.set(key, page);
    // A draw that failed (an unknown month, say) is not kept: the next request tries again.
    page.catch(() => this.pages.get(key) === page && this.pages.delete(key));
    if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    return page;
  }
}
