import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ConsultationSignals } from './ConsultationSignals';
import { StoredConsultation } from './ConsultationStore';

/** What the requester is asked when the OSPO answers their request. */
export const RATING_REQUEST = 'How did the OSPO do? Rate it 1–5.';

/**
 * Tells the OSPO about new requests and requesters about the OSPO's answers,
 * through the notifications backend, and signals staff for a live toast
 * (batched, see {@link ConsultationSignals}). Notifying is best effort: a
 * portal without the notifications backend still takes requests.
 *
 * @internal
 */
export class ConsultationNotifier {
  private constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
    private readonly officeGroupRef: string,
    private readonly signals?: ConsultationSignals,
  ) {}

  static create(options: {
    notifications: NotificationService;
    logger: LoggerService;
    officeGroupRef: string;
    signals?: ConsultationSignals;
  }): ConsultationNotifier {
    return new ConsultationNotifier(
      options.notifications,
      options.logger,
      options.officeGroupRef,
      options.signals,
    );
  }

  async requestFiled(consultation: StoredConsultation): Promise<void> {
    this.signals?.requestFiled(consultation);
    // One notification to the Group: the notifications backend sends it to
    // each member once, however many of the Group's Groups they are in, and
    // not to the requester.
    await this.send(consultation, {
      to: this.officeGroupRef,
      exclude: consultation.requesterRef,
      title: `New OSPO consultation: ${consultation.summary}`,
      description: `${consultation.requesterRef} asks about ${consultation.entityRef} (${consultation.topic}, ${consultation.urgency} urgency).`,
      severity: consultation.urgency === 'critical' ? 'high' : 'normal',
    });
  }

  async statusChanged(
    consultation: StoredConsultation,
    actorRef: string,
  ): Promise<void> {
    // An answer the requester has not rated yet asks for a rating; the
    // notification links to the request, where they rate it.
    const asksForRating =
      (consultation.status === 'resolved' ||
        consultation.status === 'declined') &&
      !consultation.rating;
    await this.send(consultation, {
      to: consultation.requesterRef,
      exclude: actorRef,
      title: `Your OSPO consultation is ${consultation.status}: ${consultation.summary}`,
      description: asksForRating
        ? [consultation.resolution, RATING_REQUEST].filter(Boolean).join('\n\n')
        : consultation.resolution,
      severity: 'normal',
    });
  }

  async staffCommented(
    consultation: StoredConsultation,
    actorRef: string,
    body: string,
  ): Promise<void> {
    await this.send(consultation, {
      to: consultation.requesterRef,
      exclude: actorRef,
      title: `The OSPO commented on: ${consultation.summary}`,
      description: body.length > 300 ? `${body.slice(0, 297)}...` : body,
      severity: 'normal',
    });
  }

  private async send(
    consultation: StoredConsultation,
    message: {
      to: string;
      exclude: string;
      title: string;
      description?: string;
      severity: 'normal' | 'high';
    },
  ): Promise<void> {
    if (message.to === message.exclude) {
      // Nobody to tell, e.g. the requester withdrew their own request.
      return;
    }
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: message.to,
          excludeEntityRef: message.exclude,
        },
        payload: {
          title: message.title,
          description: message.description,
          link: `/ospo/consultations/${consultation.id}`,
          severity: message.severity,
          topic: `ospo-consultation-${consultation.id}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send a notification about consultation ${consultation.id}: ${error}`,
      );
    }
  }
}
