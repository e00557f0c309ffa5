import { mockServices } from '@backstage/backend-test-utils';
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import {
  NEW_CONSULTATION_REQUESTS_MAX_IDS,
  OSPO_CONSULTATION_SIGNAL_CHANNEL,
} from '@ospo-kit/plugin-ospo-common';
import { ConsultationSignals, FiledRequest } from './ConsultationSignals';

const OLA = 'user:default/ola';
const MIA = 'user:default/mia';
const LEE = 'user:default/lee'; // files requests; not OSPO staff
const WINDOW_MS = 5_000;

function request(n: number, requesterRef = LEE): FiledRequest {
  return { id: `id-${n}`, summary: `Request ${n}`, requesterRef };
}

/** A signals service that keeps what is published, as the signals backend would get it. */
function recordingSignals() {
  const published: SignalPayload[] = [];
  const service: SignalsService = {
    async publish(signal) {
      published.push(signal);
    },
  };
  return { service, published };
}

/** What each user received, in order. */
function messagesTo(published: SignalPayload[], userRef: string) {
  return published
    .filter(
      p =>
        p.recipients.type === 'user' &&
        [p.recipients.entityRef].flat().includes(userRef),
    )
    .map(p => p.message);
}

describe('ConsultationSignals', () => {
  let staff: string[];
  let signals: ReturnType<typeof recordingSignals>;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let subject: ConsultationSignals;

  beforeEach(() => {
    jest.useFakeTimers();
    staff = [OLA, MIA];
    signals = recordingSignals();
    logger = mockServices.logger.mock();
    subject = ConsultationSignals.create({
      signals: signals.service,
      staff: async () => staff,
      logger,
      windowMs: WINDOW_MS,
    });
  });

  afterEach(() => {
    subject.close();
    jest.useRealTimers();
  });

  it('sends one message per window to each staff member, with the count, ids and newest request', async () => {
    for (let n = 1; n <= 5; n++) subject.requestFiled(request(n));
    await jest.advanceTimersByTimeAsync(WINDOW_MS - 1);
    expect(signals.published).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    const expected = {
      type: 'new-requests',
      count: 5,
      ids: ['id-5', 'id-4', 'id-3', 'id-2', 'id-1'],
      latest: { id: 'id-5', summary: 'Request 5' },
    };
    expect(messagesTo(signals.published, OLA)).toEqual([expected]);
    expect(messagesTo(signals.published, MIA)).toEqual([expected]);
    // The same message for both: one publish.
    expect(signals.published).toEqual([
      {
        channel: OSPO_CONSULTATION_SIGNAL_CHANNEL,
        recipients: { type: 'user', entityRef: [OLA, MIA] },
        message: expected,
      },
    ]);
  });

  it('opens a new window for requests after the last one closed', async () => {
    subject.requestFiled(request(1));
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    subject.requestFiled(request(2));
    subject.requestFiled(request(3));
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    // Nothing left to send.
    await jest.advanceTimersByTimeAsync(10 * WINDOW_MS);

    expect(
      messagesTo(signals.published, OLA).map(m => [m.count, m.ids]),
    ).toEqual([
      [1, ['id-1']],
      [2, ['id-3', 'id-2']],
    ]);
  });

  it('keeps a window fixed from its first request: a steady stream still gets through', async () => {
    for (let n = 1; n <= 4; n++) {
      subject.requestFiled(request(n));
      await jest.advanceTimersByTimeAsync(WINDOW_MS / 2);
    }
    expect(messagesTo(signals.published, OLA).map(m => m.count)).toEqual([
      2, 2,
    ]);
  });

  it('signals nobody who is not staff, and nobody about their own request', async () => {
    // Ola, who is staff, files one of the three.
    subject.requestFiled(request(1));
    subject.requestFiled(request(2, OLA));
    subject.requestFiled(request(3));
    await jest.advanceTimersByTimeAsync(WINDOW_MS);

    expect(messagesTo(signals.published, LEE)).toEqual([]);
    expect(messagesTo(signals.published, OLA)).toEqual([
      {
        type: 'new-requests',
        count: 2,
        ids: ['id-3', 'id-1'],
        latest: { id: 'id-3', summary: 'Request 3' },
      },
    ]);
    expect(messagesTo(signals.published, MIA)).toEqual([
      expect.objectContaining({ count: 3, ids: ['id-3', 'id-2', 'id-1'] }),
    ]);
  });

  it('sends nothing to a staff member whose own request was the only one', async () => {
    subject.requestFiled(request(1, OLA));
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    expect(messagesTo(signals.published, OLA)).toEqual([]);
    expect(messagesTo(signals.published, MIA)).toHaveLength(1);
  });

  it('sends one message to a member listed twice (in two of the Groups)', async () => {
    staff = [OLA, MIA, OLA];
    subject.requestFiled(request(1));
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    expect(messagesTo(signals.published, OLA)).toHaveLength(1);
    expect(signals.published).toHaveLength(1);
  });

  it('counts every request but lists a bounded number of ids', async () => {
    const total = NEW_CONSULTATION_REQUESTS_MAX_IDS + 7;
    for (let n = 1; n <= total; n++) subject.requestFiled(request(n));
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    const [message] = messagesTo(signals.published, OLA);
    expect(message.count).toBe(total);
    expect(message.ids).toHaveLength(NEW_CONSULTATION_REQUESTS_MAX_IDS);
    expect((message.ids as string[])[0]).toBe(`id-${total}`);
  });

  it('asks who the staff are when the window closes', async () => {
    subject.requestFiled(request(1));
    staff = [MIA];
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    expect(messagesTo(signals.published, OLA)).toEqual([]);
    expect(messagesTo(signals.published, MIA)).toHaveLength(1);
  });

  it('logs a failure and carries on with the next window', async () => {
    const publish = jest
      .spyOn(signals.service, 'publish')
      .mockRejectedValueOnce(new Error('events down'));
    subject.requestFiled(request(1));
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not signal 1 new consultation request(s) to the OSPO: Error: events down',
    );

    subject.requestFiled(request(2));
    await jest.advanceTimersByTimeAsync(WINDOW_MS);
    expect(publish).toHaveBeenCalledTimes(2);
    expect(messagesTo(signals.published, OLA)).toEqual([
      expect.objectContaining({ count: 1, ids: ['id-2'] }),
    ]);
  });

  it('clears its timer on close, and takes no more requests', async () => {
    subject.requestFiled(request(1));
    expect(jest.getTimerCount()).toBe(1);
    subject.close();
    expect(jest.getTimerCount()).toBe(0);

    subject.requestFiled(request(2));
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10 * WINDOW_MS);
    expect(signals.published).toEqual([]);
  });

  it('sends each request at once with a window of 0', async () => {
    subject = ConsultationSignals.create({
      signals: signals.service,
      staff: async () => staff,
      logger,
      windowMs: 0,
    });
    subject.requestFiled(request(1));
    await jest.advanceTimersByTimeAsync(0);
    expect(messagesTo(signals.published, OLA)).toHaveLength(1);
  });
});
