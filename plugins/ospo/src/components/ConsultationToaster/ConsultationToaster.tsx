import { useCallback, useEffect, useRef, useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Snackbar from '@material-ui/core/Snackbar';
import SnackbarContent from '@material-ui/core/SnackbarContent';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { Link } from '@backstage/core-components';
import { useApiHolder, useRouteRef } from '@backstage/core-plugin-api';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  OSPO_CONSULTATION_SIGNAL_CHANNEL,
  isNewConsultationRequestsSignal,
} from '@ospo-kit/plugin-ospo-common';
import { useOspoToastsMuted } from '../../hooks/useOspoToastsMuted';
import { rootRouteRef } from '../../routes';
import {
  ToastBatch,
  ToastText,
  mergeToastBatch,
  toastText,
} from './toastBatch';

/** How long a toast stays; batches arriving meanwhile join it. */
export const TOAST_TIMEOUT_MS = 10_000;

/** Where the OSPO's pages are, `/ospo` when the app has not mounted them. */
function useOspoRoot(): string {
  try {
    // Throws, after its hooks ran, when the route is not mounted.
    return useRouteRef(rootRouteRef)();
  } catch {
    return '/ospo';
  }
}

/** The toast shown, to add the next batch to it while it is. */
interface ShownToast {
  batch: ToastBatch;
  until: number;
  close(): void;
}

/**
 * Shows OSPO staff a toast when consultation requests come in: one per batch
 * the backend signals (`ospo:consultations`, a few seconds' worth of
 * requests), "New consultation request: …" for one and "5 new consultation
 * requests" for more, with a link to the request or the queue. A batch that
 * arrives while the toast is still shown replaces it with one of their sum.
 * Nothing when the user muted the OSPO's toasts in their settings, or when
 * the app has no signals.
 *
 * Uses the app's toasts (`toastApiRef`) where the app has them (Backstage's
 * new frontend system) and a snackbar of its own otherwise. Render it once,
 * inside the app's router.
 *
 * @public
 */
export function ConsultationToaster() {
  const apis = useApiHolder();
  const signalApi = apis.get(signalApiRef);
  const toastApi = apis.get(toastApiRef);
  const [muted] = useOspoToastsMuted();
  const ospoRoot = useOspoRoot();
  const shown = useRef<ShownToast>();
  // The snackbar's toast, without the app's toasts.
  const [snack, setSnack] = useState<ToastText>();

  const show = useCallback(
    (text: ToastText): (() => void) => {
      if (toastApi) {
        let close = () => {};
        const handle = toastApi.post({
          title: text.title,
          status: 'info',
          timeout: TOAST_TIMEOUT_MS,
          // A link of the app's router, not the toast's own `links`: those
          // load the whole app again.
          description: (
            <>
              {text.description && <div>{text.description}</div>}
              <Link
                to={text.link.href}
                onClick={() => close()}
                color="inherit"
                underline="always"
                style={{
                  display: 'inline-block',
                  marginTop: 4,
                  fontWeight: 500,
                }}
              >
                {text.link.label}
              </Link>
            </>
          ),
        });
        close = () => handle.close();
        return close;
      }
      setSnack(text);
      return () => setSnack(undefined);
    },
    [toastApi],
  );

  useEffect(() => {
    if (!signalApi || muted) return undefined;
    // Subscribed directly: every message counts, not just the last one.
    const subscription = signalApi.subscribe(
      OSPO_CONSULTATION_SIGNAL_CHANNEL,
      message => {
        if (!isNewConsultationRequestsSignal(message)) return;
        const now = Date.now();
        const previous =
          shown.current && now < shown.current.until
            ? shown.current
            : undefined;
        previous?.close();
        const batch = mergeToastBatch(previous?.batch, message);
        shown.current = {
          batch,
          until: now + TOAST_TIMEOUT_MS,
          close: show(toastText(batch, ospoRoot)),
        };
      },
    );
    return () => subscription.unsubscribe();
  }, [signalApi, muted, show, ospoRoot]);

  // Muting takes the toast away too.
  useEffect(() => {
    if (muted) {
      shown.current?.close();
      shown.current = undefined;
    }
  }, [muted]);

  const closeSnack = () => {
    setSnack(undefined);
    shown.current = undefined;
  };

  return (
    <Snackbar
      open={Boolean(snack)}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      autoHideDuration={TOAST_TIMEOUT_MS}
      onClose={(_event, reason) => {
        if (reason !== 'clickaway') closeSnack();
      }}
    >
      <SnackbarContent
        role="status"
        message={
          snack && (
            <>
              <Typography variant="body2" component="div">
                {snack.title}
              </Typography>
              {snack.description && (
                <Typography variant="caption" component="div">
                  {snack.description}
                </Typography>
              )}
            </>
          )
        }
        action={
          snack && (
            <>
              <Link
                to={snack.link.href}
                onClick={closeSnack}
                color="inherit"
                underline="always"
                variant="body2"
                style={{ fontWeight: 500, marginRight: 8 }}
              >
                {snack.link.label}
              </Link>
              <IconButton
                aria-label="Close"
                color="inherit"
                size="small"
                onClick={closeSnack}
              >
                <CloseIcon fontSize="small" />
              </IconButton>
            </>
          )
        }
      />
    </Snackbar>
  );
}
