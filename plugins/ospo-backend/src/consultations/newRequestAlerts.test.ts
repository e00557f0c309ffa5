import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_PARENT_OF,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { SignalPayload } from '@backstage/plugin-signals-node';
import { OSPO_CONSULTATION_SIGNAL_CHANNEL } from '@ospo-kit/plugin-ospo-common';
import request from 'supertest';
import { ospoPlugin } from '../plugin';

jest.setTimeout(60_000);

// The alerts of a new request, end to end: the real notifications backend
// sends the notifications, the real signals service publishes the toasts'
// messages on the events bus, where the signals backend would pick them up.

const LEE = 'user:default/lee'; // files requests; not OSPO staff
const OLA = 'user:default/ola'; // OSPO staff, in the OSPO's Group and in its legal team
const MIA = 'user:default/mia'; // OSPO staff, in the legal team only
const OSPO = 'group:default/ospo';
const LEGAL = 'group:default/ospo-legal';
const WINDOW_MS = 1_500;

function entity(
  kind: string,
  name: string,
  relations: Array<[string, string]> = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {},
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

const ENTITIES = [
  entity('Component', 'svc-a'),
  entity('Group', 'ospo', [
    [RELATION_HAS_MEMBER, OLA],
    [RELATION_PARENT_OF, LEGAL],
  ]),
  entity('Group', 'ospo-legal', [
    [RELATION_HAS_MEMBER, OLA],
    [RELATION_HAS_MEMBER, MIA],
    [RELATION_CHILD_OF, OSPO],
  ]),
  entity('User', 'ola', [
    [RELATION_MEMBER_OF, OSPO],
    [RELATION_MEMBER_OF, LEGAL],
  ]),
  entity('User', 'mia', [[RELATION_MEMBER_OF, LEGAL]]),
  entity('User', 'lee'),
];

describe('the alerts of new consultation requests', () => {
  const signals: SignalPayload[] = [];
  let backend: TestBackend;

  // Stands in for the signals backend: it reads the same events.
  const signalsRecorder = createBackendPlugin({
    pluginId: 'signals-recorder',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'signals-recorder',
            topics: ['signals'],
            async onEvent(params) {
              signals.push(params.eventPayload as SignalPayload);
            },
          });
        },
      });
    },
  });

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        ospoPlugin,
        notificationsPlugin,
        signalsRecorder,
        catalogServiceMock.factory({ entities: ENTITIES }),
        // The real events service: the test backend's mock gives each
        // plugin a bus of its own.
        eventsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            events: { useEventBus: 'never' },
            ospo: {
              office: { group: 'ospo' },
              notifications: {
                toastBatchWindow: { milliseconds: WINDOW_MS },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const api = () => request(backend.server);

  async function file(userRef: string, summary: string): Promise<string> {
    const res = await api()
      .post('/api/ospo/entities/component/default/svc-a/consultations')
      .set('Authorization', mockCredentials.user.header(userRef))
      .send({ topic: 'other', summary });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function notificationsOf(userRef: string) {
    const res = await api()
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(userRef));
    expect(res.status).toBe(200);
    return res.body.notifications as Array<{
      payload: { title: string; link: string; topic: string };
    }>;
  }

  function ospoMessagesTo(userRef: string) {
    return signals
      .filter(
        s =>
          s.channel === OSPO_CONSULTATION_SIGNAL_CHANNEL &&
          s.recipients.type === 'user' &&
          [s.recipients.entityRef].flat().includes(userRef),
      )
      .map(s => s.message);
  }

  it('notifies each staff member once per request, and signals each once per window', async () => {
    const started = Date.now();
    const lees = [
      await file(LEE, 'May we use libfoo?'),
      await file(LEE, 'May we publish bar?'),
      await file(LEE, 'Is AGPL fine here?'),
    ];
    const olas = await file(OLA, 'A question of my own');
    // The four requests must share a window for this test to say anything.
    expect(Date.now() - started).toBeLessThan(WINDOW_MS);

    // One notification per request to each member of the OSPO's Groups,
    // none for the request they filed themselves, none to others.
    const byTopic = async (userRef: string) =>
      (await notificationsOf(userRef)).map(n => n.payload.topic).sort();
    expect(await byTopic(OLA)).toEqual(
      lees.map(id => `ospo-consultation-${id}`).sort(),
    );
    expect(await byTopic(MIA)).toEqual(
      [...lees, olas].map(id => `ospo-consultation-${id}`).sort(),
    );
    expect(await byTopic(LEE)).toEqual([]);

    // No toast message before the window closes; then one per staff member.
    expect(ospoMessagesTo(OLA)).toEqual([]);
    await waitFor(() => ospoMessagesTo(MIA).length > 0, 10 * WINDOW_MS);
    await new Promise(resolve => setTimeout(resolve, 200));

    expect(ospoMessagesTo(MIA)).toEqual([
      {
        type: 'new-requests',
        count: 4,
        ids: [olas, ...[...lees].reverse()],
        latest: { id: olas, summary: 'A question of my own' },
      },
    ]);
    expect(ospoMessagesTo(OLA)).toEqual([
      {
        type: 'new-requests',
        count: 3,
        ids: [...lees].reverse(),
        latest: { id: lees[2], summary: 'Is AGPL fine here?' },
      },
    ]);
    expect(ospoMessagesTo(LEE)).toEqual([]);
  });
});

async function waitFor(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
