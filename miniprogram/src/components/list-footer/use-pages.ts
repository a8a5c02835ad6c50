// A list read a page at a time: the items shown, the server's cursor of the next page, and `more`,
// which appends the next page (once at a time; a failure is a toast, the list stays as it was).
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ApiError } from '@/services/request';

export interface Page<T> {
  items: T[];
  next: string | null;
}

export function usePages<T>() {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  /** The first page (or none: null while loading). */
  const show = (page: Page<T> | null) => {
    setItems(page?.items ?? null);
    setNext(page?.next ?? null);
  };

  /** Appends the page after `next`; `current` says whether the answer is still wanted when it comes. */
  const more = async (fetch: (cursor: string) => Promise<Page<T>>, current: () => boolean = () => true) => {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await fetch(next);
      if (!current()) return;
      setItems((shown) => [...(shown ?? []), ...page.items]);
      setNext(page.next);
    } catch (e) {
      void Taro.showToast({ title: (e as ApiError).message, icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };

  return { items, next, loadingMore, show, more };
}
