import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Consultation } from '@ospo-kit/plugin-ospo-common';

/**
 * Tells the OSPO about new requests and requesters about the OSPO's answers,
 * through the notifications backend. Notifying is best effort: a portal
 * without the notifications backend still takes requests.
 *
 * @internal
 */
export class ConsultationNotifier {
  private constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
    private readonly officeGroupRef: string,
  ) {}

  static create(options: {
    notifications: NotificationService;
    logger: LoggerService;
    officeGroupRef: string;
  }): ConsultationNotifier {
    return new ConsultationNotifier(
      options.notifications,
      options.logger,
      options.officeGroupRef,
    );
  }

  async requestFiled(consultation: Consultation): Promise<void> {
    await this.send(consultation, {
      to: this.officeGroupRef,
      exclude: consultation.requesterRef,
      title: `New OSPO consultation: ${consultation.summary}`,
      description: `${consultation.requesterRef} asks about ${consultation.entityRef} (${consultation.topic}, ${consultation.urgency} urgency).`,
      severity: consultation.urgency === 'critical' ? 'high' : 'normal',
    });
  }

  async statusChanged(
    consultation: Consultation,
    actorRef: string,
  ): Promise<void> {
    await this.send(consultation, {
      to: consultation.requesterRef,
      exclude: actorRef,
      title: `Your OSPO consultation is ${consultation.status}: ${consultation.summary}`,
      description: consultation.resolution,
      severity: 'normal',
    });
  }

  async staffCommented(
    consultation: Consultation,
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
    consultation: Consultation,
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
          link: `/ospo/consultations?request=${consultation.id}`,
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
