import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { MetricsRunStatus } from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../api';
import { isConflictError } from '../utils/errors';

/** How often the status is read again while a run goes on. */
export const RUN_STATUS_POLL_MS = 2000;

/**
 * The metrics run status, read again every couple of seconds while a run goes
 * on, and a `refresh` that starts a run. A run started elsewhere (409) is
 * followed like our own. `onRunFinished` is called when a run we saw going on
 * is over, so the figures on the page can be loaded again.
 */
export function useMetricsRunStatus(options: {
  onRunFinished?: () => void;
  pollIntervalMs?: number;
}) {
  const { onRunFinished, pollIntervalMs = RUN_STATUS_POLL_MS } = options;
  const ospoApi = useApi(ospoApiRef);
  const [status, setStatus] = useState<MetricsRunStatus>();
  const [error, setError] = useState<Error>();
  const [starting, setStarting] = useState(false);
  // Counts the reads, so a failed read while running schedules the next one.
  const [reads, setReads] = useState(0);
  const wasRunning = useRef(false);
  const finished = useRef(onRunFinished);
  finished.current = onRunFinished;

  const load = useCallback(async () => {
    try {
      setStatus(await ospoApi.getMetricsStatus());
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setReads(n => n + 1);
    }
  }, [ospoApi]);

  useEffect(() => {
    load();
  }, [load]);

  const running = Boolean(status?.running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      finished.current?.();
    }
    wasRunning.current = running;
  }, [running]);

  useEffect(() => {
    if (!running) {
      return undefined;
    }
    const timer = setTimeout(load, pollIntervalMs);
    return () => clearTimeout(timer);
  }, [running, reads, load, pollIntervalMs]);

  const refresh = useCallback(async () => {
    setStarting(true);
    setError(undefined);
    try {
      setStatus(await ospoApi.refreshMetrics());
    } catch (e) {
      if (isConflictError(e)) {
        // Someone else started one first: follow theirs.
        await load();
      } else {
        setError(e as Error);
      }
    } finally {
      setStarting(false);
    }
  }, [ospoApi, load]);

  return { status, error, starting, refresh };
}
