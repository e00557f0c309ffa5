import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  NEW_CONSULTATION_REQUESTS_MAX_IDS,
  NewConsultationRequestsSignal,
  OSPO_CONSULTATION_SIGNAL_CHANNEL,
} from '@ospo-kit/plugin-ospo-common';

/** What a signal needs of a new request. */
export interface FiledRequest {
  id: string;
  summary: string;
  requesterRef: string;
}

/**
 * Tells OSPO staff, live, about new consultation requests, for the toast the
 * frontend shows: the requests filed within a window
 * (`ospo.notifications.toastBatchWindow`) go out as one message per staff
 * member, so a burst makes one toast ("5 new requests"), not five. Nobody is
 * told of their own request. Best effort, like the notifications: a portal
 * without the signals backend publishes to nobody, and a failure is logged.
 *
 * @internal
 */
export class ConsultationSignals {
  /** Filed since the last message, oldest first. */
  private pending: FiledRequest[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private flushing = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly signals: SignalsService,
    private readonly staff: () => Promise<string[]>,
    private readonly logger: LoggerService,
    private readonly windowMs: number,
  ) {}

  /**
   * `staff` lists the staff's user refs when a window closes, so that a
   * change of the OSPO's Group applies to the next message.
   */
  static create(options: {
    signals: SignalsService;
    staff: () => Promise<string[]>;
    logger: LoggerService;
    windowMs: number;
  }): ConsultationSignals {
    return new ConsultationSignals(
      options.signals,
      options.staff,
      options.logger,
      options.windowMs,
    );
  }

  /** Adds a new request to the current window, opening one if none is. */
  requestFiled(request: FiledRequest): void {
    if (this.closed) return;
    this.pending.push({
      id: request.id,
      summary: request.summary,
      requesterRef: request.requesterRef,
    });
    if (this.timer) return;
    // A fixed window from the first request, not one that each new request
    // extends: under a steady stream, staff still hear every window.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.windowMs);
    // Neither a test nor a stopping backend waits for a toast.
    this.timer.unref?.();
  }

  /**
   * Sends what the current window holds now; resolves once it is sent. The
   * timer calls it; tests and shutdown may too.
   */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.pending;
    this.pending = [];
    // One window after the other, so messages arrive in order.
    this.flushing = this.flushing.then(() => this.send(batch));
    return this.flushing;
  }

  /**
   * Stops the timer and drops what is pending: at shutdown the signals'
   * connections close too. The notifications of those requests stay.
   */
  close(): void {
    this.closed = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length > 0) {
      this.logger.debug(
        `Not signalling ${this.pending.length} new consultation request(s): shutting down`,
      );
    }
    this.pending = [];
  }

  private async send(batch: FiledRequest[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      const staff = await this.staff();
      // Staff with the same requests to hear of share one publish: usually
      // everyone but the requesters of the window.
      const messages = new Map<
        string,
        { recipients: string[]; message: NewConsultationRequestsSignal }
      >();
      for (const userRef of new Set(staff)) {
        const requests = batch.filter(r => r.requesterRef !== userRef);
        if (requests.length === 0) continue;
        const newestFirst = [...requests].reverse();
        const key = newestFirst.map(r => r.id).join(',');
        const existing = messages.get(key);
        if (existing) {
          existing.recipients.push(userRef);
          continue;
        }
        messages.set(key, {
          recipients: [userRef],
          message: {
            type: 'new-requests',
            count: requests.length,
            ids: newestFirst
              .slice(0, NEW_CONSULTATION_REQUESTS_MAX_IDS)
              .map(r => r.id),
            latest: { id: newestFirst[0].id, summary: newestFirst[0].summary },
          },
        });
      }
      for (const { recipients, message } of messages.values()) {
        await this.signals.publish<NewConsultationRequestsSignal>({
          recipients: { type: 'user', entityRef: recipients },
          channel: OSPO_CONSULTATION_SIGNAL_CHANNEL,
          message,
        });
      }
    } catch (error) {
      this.logger.warn(
        `Could not signal ${batch.length} new consultation request(s) to the OSPO: ${error}`,
      );
    }
  }
}
