import { useEffect, useState, type DependencyList } from 'react';
import { errorText } from '../../../services/http';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** Calls `load` when `deps` change; an answer that arrives after a newer call started is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    load()
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((e: unknown) => live && setState({ data: null, error: errorText(e), loading: false }));
    return () => {
      live = false;
    };
  }, deps);
  return state;
}
