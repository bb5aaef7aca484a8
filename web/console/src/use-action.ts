import { useState } from 'preact/hooks';
import { messageOf } from './api.ts';

/** Runs an async action with a busy flag and an error line under the form. */
export function useAction(): { busy: boolean; error: string | null; ok: string | null; run: (fn: () => Promise<unknown>, ok?: string) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  return {
    busy, error, ok,
    run: async (fn, okText) => {
      setBusy(true);
      setError(null);
      setOk(null);
      try {
        await fn();
        if (okText) setOk(okText);
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setBusy(false);
      }
    },
  };
}
