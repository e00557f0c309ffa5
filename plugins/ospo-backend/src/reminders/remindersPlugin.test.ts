import {
  SchedulerService,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { REMINDERS_TASK_ID, ospoPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/lee' }],
  },
];

async function start(config: object) {
  let scheduler: SchedulerService | undefined;
  const schedulerProbe = createBackendModule({
    pluginId: 'ospo',
    moduleId: 'scheduler-probe',
    register(env) {
      env.registerInit({
        deps: { service: coreServices.scheduler },
        async init({ service }) {
          scheduler = service;
        },
      });
    },
  });
  const sent: NotificationSendOptions[] = [];
  const knex = await databases.init('SQLITE_3');
  const backend = await startTestBackend({
    features: [
      ospoPlugin,
      schedulerProbe,
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: ENTITIES }),
      mockServices.rootConfig.factory({ data: config }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(options: NotificationSendOptions) {
            sent.push(options);
          },
        }),
      }),
    ],
  });
  return { backend, knex, scheduler: scheduler!, sent };
}

describe('ospo backend plugin: answer reminders', () => {
  it('schedules the reminders as a global task from config, and notifies the team when it runs', async () => {
    const { backend, knex, scheduler, sent } = await start({
      ospo: {
        reminders: {
          schedule: { frequency: { hours: 6 }, timeout: 'PT1M' },
          before: 'P30D',
        },
      },
    });
    const task = (await scheduler.getScheduledTasks()).find(
      t => t.id === REMINDERS_TASK_ID,
    );
    expect(task).toMatchObject({ scope: 'global' });

    // The default checklist's Stakeholders answer, given 11½ months ago.
    await knex('ospo_checklist_answers').insert({
      team_ref: 'group:default/team-a',
      checklist_id: 'ospo',
      item_id: 'stakeholders',
      status: 'done',
      answered_by: 'user:default/lee',
      answered_at: new Date(Date.now() - 350 * 24 * 60 * 60 * 1000),
      version: 1,
    });
    await scheduler.triggerTask(REMINDERS_TASK_ID);
    await scheduler.triggerTask(REMINDERS_TASK_ID);

    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: ['user:default/lee'] },
        payload: expect.objectContaining({
          title: 'team-a: A checklist answer expires soon: Stakeholders',
          link: '/catalog/default/group/team-a',
        }),
      },
    ]);
    await backend.stop();
  });

  it('schedules nothing when no checklist item expires', async () => {
    const { backend, scheduler } = await start({
      ospo: {
        checklists: [
          {
            id: 'x',
            title: 'X',
            items: [{ id: 'a', title: 'A', description: 'A' }],
          },
        ],
      },
    });
    expect((await scheduler.getScheduledTasks()).map(t => t.id)).not.toContain(
      REMINDERS_TASK_ID,
    );
    await backend.stop();
  });

  it('refuses to start with a validFor that is no duration, naming the item', async () => {
    await expect(
      start({
        ospo: {
          checklists: [
            {
              id: 'x',
              title: 'X',
              items: [
                { id: 'a', title: 'A', description: 'A', validFor: 'yearly' },
              ],
            },
          ],
        },
      }),
    ).rejects.toThrow(
      "ospo.checklists[0].items[0].validFor (item 'a' of checklist 'x'): 'yearly' is not an ISO 8601 duration",
    );
  });
});
