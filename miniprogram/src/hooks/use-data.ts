import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';

export interface DataState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (next: T | ((prev: T | null) => T)) => void;
}

/**
 * Loads what a page shows through the services, again whenever `deps` change, and (with
 * `refreshOnShow`) each time the page comes back into view, as tab pages must.
 */
export function useData<T>(load: () => Promise<T>, deps: unknown[] = [], opts: { refreshOnShow?: boolean } = {}): DataState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const shownOnce = useRef(false);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine === seq.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(e as Error);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, deps);

  useDidShow(() => {
    if (shownOnce.current && opts.refreshOnShow) void reload();
    shownOnce.current = true;
  });

  return { data, error, loading, reload, setData: setData as DataState<T>['setData'] };
}
