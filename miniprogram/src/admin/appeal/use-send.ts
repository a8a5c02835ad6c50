// One request of a small form on the appeal page: the contract's problems shown first (nothing sent),
// the answer handed on, the server's Chinese sentence shown when it refuses; one request at a time.
import type { AppealView, FieldError } from '@minqing/shared';
import { useState } from 'react';
import type { ApiError } from '@/services/request';

export function useSend(onDone: (appeal: AppealView) => void) {
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  /** True when the request was sent and answered. */
  const send = async (problems: FieldError[], request: () => Promise<AppealView>): Promise<boolean> => {
    if (sending) return false;
    if (problems.length) {
      setError(problems[0].message);
      return false;
    }
    setSending(true);
    setError(null);
    try {
      onDone(await request());
      return true;
    } catch (e) {
      setError((e as ApiError).message);
      return false;
    } finally {
      setSending(false);
    }
  };
  return { error, sending, send };
}
