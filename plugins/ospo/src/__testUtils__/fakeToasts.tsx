import { useSyncExternalStore } from 'react';
import { act } from '@testing-library/react';
import {
  ToastApi,
  ToastApiMessage,
  ToastApiPostResult,
} from '@backstage/frontend-plugin-api';
import { SignalApi } from '@backstage/plugin-signals-react';

/**
 * A signal API whose messages the test sends: `emit` delivers one to the
 * channel's subscribers, as the signals backend would.
 */
export function fakeSignalApi() {
  const handlers = new Map<string, Set<(message: object) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = handlers.get(channel) ?? new Set();
      const handler = onMessage as (message: object) => void;
      set.add(handler);
      handlers.set(channel, set);
      return { unsubscribe: () => set.delete(handler) };
    },
  };
  return {
    api,
    emit(channel: string, message: object) {
      act(() => {
        for (const handler of handlers.get(channel) ?? []) handler(message);
      });
    },
    subscriberCount: (channel: string) => handlers.get(channel)?.size ?? 0,
  };
}

/** A posted toast, and whether it was closed since. */
export interface PostedToast {
  message: ToastApiMessage;
  closed: boolean;
}

/**
 * The app's toasts as a test sees them: every toast posted, and
 * {@link FakeToastDisplay} to render the open ones where the app would.
 */
export class FakeToastApi implements ToastApi {
  readonly posted: PostedToast[] = [];
  private readonly listeners = new Set<() => void>();
  private version = 0;

  post(message: ToastApiMessage): ToastApiPostResult {
    const toast: PostedToast = { message, closed: false };
    this.posted.push(toast);
    this.changed();
    return {
      close: () => {
        toast.closed = true;
        this.changed();
      },
    };
  }

  get open(): PostedToast[] {
    return this.posted.filter(t => !t.closed);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = () => this.version;

  private changed() {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** Renders the open toasts of a {@link FakeToastApi}, each a `status` region. */
export function FakeToastDisplay(props: { toastApi: FakeToastApi }) {
  const { toastApi } = props;
  useSyncExternalStore(toastApi.subscribe, toastApi.getVersion);
  return (
    <>
      {toastApi.open.map((toast, i) => (
        <div role="status" key={i}>
          <div>{toast.message.title}</div>
          {toast.message.description}
        </div>
      ))}
    </>
  );
}
