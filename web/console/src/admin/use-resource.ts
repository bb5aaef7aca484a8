import { useEffect, useState } from 'preact/hooks';
import { api, isMissing, messageOf } from '../api.ts';

/** A GET resource for an admin page: its data, whether this server lacks it, an error, and reload. */
export type Resource<T> = { data: T | null; missing: boolean; error: string | null; reload: () => void };

export function useResource<T>(path: string | null): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!path) return;
    api<T>('GET', path)
      .then((d) => { setData(d); setError(null); setMissing(false); })
      .catch((e: unknown) => { if (isMissing(e)) setMissing(true); else setError(messageOf(e)); });
  }, [path, n]);
  return { data, missing, error, reload: () => setN((x) => x + 1) };
}
