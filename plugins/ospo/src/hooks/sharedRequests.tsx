import { ReactNode, createContext, useContext, useState } from 'react';

/** Runs `load` unless a request with the same key is already under way. */
type ShareRequest = <T>(key: string, load: () => Promise<T>) => Promise<T>;

const SharedRequestsContext = createContext<ShareRequest | undefined>(
  undefined,
);

/**
 * Lets the parts of a page that read the same thing at the same time share
 * one request: the dashboard's "needs attention" strip reads what the cards
 * below it read. Only requests under way are shared; once one settles, the
 * next read (a retry, a reload) asks again.
 */
export function SharedRequestsProvider(props: { children: ReactNode }) {
  const [share] = useState<ShareRequest>(() => {
    const pending = new Map<string, Promise<unknown>>();
    return <T,>(key: string, load: () => Promise<T>): Promise<T> => {
      const existing = pending.get(key);
      if (existing) return existing as Promise<T>;
      const started = load();
      pending.set(key, started);
      const forget = () => {
        if (pending.get(key) === started) pending.delete(key);
      };
      started.then(forget, forget);
      return started;
    };
  });
  return (
    <SharedRequestsContext.Provider value={share}>
      {props.children}
    </SharedRequestsContext.Provider>
  );
}

/** The key of a scope's latest metrics among the shared requests. */
export function latestMetricsKey(scopeRef: string): string {
  return `latest-metrics ${scopeRef}`;
}

/**
 * The page's {@link SharedRequestsProvider}; without one, every read is a
 * request of its own.
 */
export function useSharedRequests(): ShareRequest {
  return useContext(SharedRequestsContext) ?? runAlone;
}

function runAlone<T>(_key: string, load: () => Promise<T>): Promise<T> {
  return load();
}
