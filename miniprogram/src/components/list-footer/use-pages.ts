// A list read a page at a time: the items shown, the server's cursor of the next page, and `more`,
// which appends the next page (once at a time; a failure is a toast, the list stays as it was).
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { ApiError } from '@/services/request';

export interface Page<T> {
  items: T[];
  next: string | null;
}

export function usePages<T>() {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  /**
   * The cursor asked for now, and the one the list stands at: kept in refs, not state, because a tap on
   * 加载更多 and the scroll reaching the bottom (or a double tap) call `more` again before React has
   * re-rendered — with state alone, both calls saw "not loading" and the same page was appended twice.
   */
  const asking = useRef<string | null>(null);
  const at = useRef<string | null>(null);

  /** The first page (or none: null while loading). */
  const show = (page: Page<T> | null) => {
    setItems(page?.items ?? null);
    setNext(page?.next ?? null);
    at.current = page?.next ?? null;
    asking.current = null;
  };

  /** Appends the page after `next`; `current` says whether the answer is still wanted when it comes. */
  const more = async (fetch: (cursor: string) => Promise<Page<T>>, current: () => boolean = () => true) => {
    const cursor = at.current;
    if (!cursor || asking.current !== null) return;
    asking.current = cursor;
    setLoadingMore(true);
    try {
      const page = await fetch(cursor);
      // Dropped when the list was replaced meanwhile (another tab, a new search) or moved past this page.
      if (!current() || at.current !== cursor) return;
      at.current = page.next;
      setItems((shown) => [...(shown ?? []), ...page.items]);
      setNext(page.next);
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    } finally {
      if (asking.current === cursor) asking.current = null;
      setLoadingMore(false);
    }
  };

  /** Changes items in place (an edit saved), the pages and the cursor as they are. */
  const change = (update: (item: T) => T) => setItems((shown) => shown && shown.map(update));

  return { items, next, loadingMore, show, more, change };
}
