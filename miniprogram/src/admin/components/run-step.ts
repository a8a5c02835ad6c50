import Taro from '@tarojs/taro';
import type { ApiError } from '@/services/request';

/** One step a panel takes (propose, approve, …): the server's sentence on failure, a toast and a reload on success. */
export async function runStep(work: () => Promise<unknown>, done: string, reload: () => void): Promise<void> {
  try {
    await work();
    void Taro.showToast({ title: done, icon: 'success' });
    reload();
  } catch (e) {
    void Taro.showToast({ title: (e as ApiError).message, icon: 'none', duration: 2500 });
  }
}
