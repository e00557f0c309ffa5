import { useCallback, useEffect, useMemo, useState } from 'react';
import { storageApiRef, useApi } from '@backstage/core-plugin-api';

/** Where the OSPO plugin keeps a user's settings in the storage API. */
export const OSPO_STORAGE_BUCKET = 'ospo';
/** Whether the user muted the OSPO's toasts of new consultation requests. */
export const TOASTS_MUTED_KEY = 'toastsMuted';

/**
 * Whether the signed-in user muted the OSPO's toasts, and a way to change it.
 * Kept with the storage API, so that it follows the user from browser to
 * browser where the app stores settings in the user-settings backend. Not
 * muted until the setting is known.
 */
export function useOspoToastsMuted(): [
  muted: boolean,
  setMuted: (muted: boolean) => Promise<void>,
] {
  const storageApi = useApi(storageApiRef);
  const bucket = useMemo(
    () => storageApi.forBucket(OSPO_STORAGE_BUCKET),
    [storageApi],
  );
  const [muted, setMutedState] = useState(
    () => bucket.snapshot<boolean>(TOASTS_MUTED_KEY).value === true,
  );
  useEffect(() => {
    setMutedState(bucket.snapshot<boolean>(TOASTS_MUTED_KEY).value === true);
    const subscription = bucket
      .observe$<boolean>(TOASTS_MUTED_KEY)
      .subscribe(snapshot => setMutedState(snapshot.value === true));
    return () => subscription.unsubscribe();
  }, [bucket]);
  const setMuted = useCallback(
    (value: boolean) => bucket.set(TOASTS_MUTED_KEY, value),
    [bucket],
  );
  return [muted, setMuted];
}
