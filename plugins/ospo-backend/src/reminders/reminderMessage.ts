import { ReminderStep } from './ReminderStore';

/**
 * An answer a reminder is about.
 *
 * @internal
 */
export interface DueAnswer {
  checklistTitle: string;
  itemTitle: string;
  expiresAt: Date;
}

/** A UTC day as people read it in a notification: 2027-03-01. */
function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/**
 * The title and text of one team's reminder about one step: "Team A: 3
 * checklist answers expire soon", one line per answer with its date.
 *
 * @internal
 */
export function reminderMessage(
  step: ReminderStep,
  teamTitle: string,
  answers: DueAnswer[],
): { title: string; description: string } {
  const sorted = [...answers].sort(
    (a, b) => a.expiresAt.getTime() - b.expiresAt.getTime(),
  );
  const expiring = step === 'expiring';
  const what =
    sorted.length === 1
      ? `A checklist answer ${expiring ? 'expires soon' : 'has expired'}: ${
          sorted[0].itemTitle
        }`
      : `${sorted.length} checklist answers ${
          expiring ? 'expire soon' : 'have expired'
        }`;
  const lines = sorted.map(
    a =>
      `${a.checklistTitle} / ${a.itemTitle}: ${
        expiring ? 'expires' : 'expired'
      } on ${dayOf(a.expiresAt)}`,
  );
  const ask = expiring
    ? 'Re-attest them on the team page if they still hold, or update them. Until then they count as done.'
    : 'They count as not done until re-attested on the team page, or updated.';
  return {
    title: `${teamTitle}: ${what}`,
    description: [...lines, ask].join('\n'),
  };
}
