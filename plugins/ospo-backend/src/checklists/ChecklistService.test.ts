import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChecklistDefinition } from '@ospo-kit/plugin-ospo-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { SetAnswerOptions } from './ChecklistStore';
import { DatabaseChecklistStore } from './DatabaseChecklistStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChecklistService } from './ChecklistService';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { FixedClock } from '../__testUtils__/fixedClock';

jest.setTimeout(60_000);

const databases = createTestDatabases();

// What the service reads through; these tests only join answers with
// definitions, which asks neither (the routes' tests cover access).
const READ_ONLY = {
  teams: TeamDirectory.create({ catalog: catalogServiceMock() }),
  access: OspoAccess.create({ permissions: mockServices.permissions() }),
  clock: FixedClock.at('2026-06-01T12:00:00.000Z'),
};

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const checklist = (id: string, itemIds: string[]): ChecklistDefinition => ({
  id,
  title: id,
  items: itemIds.map(itemId => ({
    id: itemId,
    title: itemId,
    description: itemId,
  })),
});

describe.each(databases.eachSupportedId())(
  'ChecklistService on %s',
  (databaseId: TestDatabaseId) => {
    let store: DatabaseChecklistStore;

    async function answer(
      options: Omit<SetAnswerOptions, 'actorRef' | 'expectedVersion'>,
    ) {
      return store.setAnswer({
        ...options,
        actorRef: 'user:default/lee',
        expectedVersion: 0,
      });
    }

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      store = DatabaseChecklistStore.create({ database: knex });
    });

    it('finds defined items only', () => {
      const service = ChecklistService.create({
        ...READ_ONLY,
        definitions: [checklist('ospo', ['a', 'b']), checklist('other', ['c'])],
        store,
      });
      expect(service.findItem('ospo', 'b')?.item.id).toBe('b');
      expect(service.findItem('other', 'c')?.checklist.id).toBe('other');
      expect(service.findItem('ospo', 'c')).toBeUndefined();
      expect(service.findItem('nope', 'a')).toBeUndefined();
      expect(service.getDefinitions().map(d => d.id)).toEqual([
        'ospo',
        'other',
      ]);
    });

    it('joins answers with definitions per team, in the order asked and the order of items', async () => {
      await answer({
        teamRef: TEAM_A,
        checklistId: 'ospo',
        itemId: 'c',
        status: 'done',
      });
      await answer({
        teamRef: TEAM_A,
        checklistId: 'ospo',
        itemId: 'a',
        status: 'not-applicable',
        note: 'No budget line',
      });
      await answer({
        teamRef: TEAM_B,
        checklistId: 'ospo',
        itemId: 'b',
        status: 'in-progress',
      });
      const service = ChecklistService.create({
        ...READ_ONLY,
        definitions: [
          checklist('ospo', ['a', 'b', 'c']),
          checklist('extra', ['x']),
        ],
        store,
      });

      const [b, a, none] = await service.getTeamChecklists([
        TEAM_B,
        TEAM_A,
        'group:default/none',
      ]);

      expect(b.teamRef).toBe(TEAM_B);
      expect(b.checklists[0].answers.map(x => x.itemId)).toEqual(['b']);
      expect(b.checklists[0].completion).toMatchObject({
        total: 3,
        inProgress: 1,
        notStarted: 2,
        unanswered: 2,
        done: 0,
        expired: 0,
        ratio: 0,
      });
      expect(a.teamRef).toBe(TEAM_A);
      expect(a.checklists.map(c => c.checklist.id)).toEqual(['ospo', 'extra']);
      expect(a.checklists[0].answers.map(x => [x.itemId, x.status])).toEqual([
        ['a', 'not-applicable'],
        ['c', 'done'],
      ]);
      expect(a.checklists[0].completion).toEqual({
        total: 3,
        applicable: 2,
        done: 1,
        expired: 0,
        inProgress: 0,
        notStarted: 1,
        notApplicable: 1,
        unanswered: 1,
        ratio: 0.5,
      });
      expect(a.checklists[1]).toMatchObject({
        answers: [],
        completion: { total: 1, unanswered: 1, ratio: 0 },
      });
      expect(none).toMatchObject({
        teamRef: 'group:default/none',
        checklists: [{ answers: [] }, { answers: [] }],
      });
      expect(await service.getTeamChecklists([])).toEqual([]);
    });

    it('keeps answers to removed items in the database but neither shows nor counts them', async () => {
      await answer({
        teamRef: TEAM_A,
        checklistId: 'ospo',
        itemId: 'kept',
        status: 'in-progress',
      });
      await answer({
        teamRef: TEAM_A,
        checklistId: 'ospo',
        itemId: 'removed',
        status: 'done',
      });
      await answer({
        teamRef: TEAM_A,
        checklistId: 'retired',
        itemId: 'kept',
        status: 'done',
      });

      const before = ChecklistService.create({
        ...READ_ONLY,
        definitions: [checklist('ospo', ['kept', 'removed'])],
        store,
      });
      const [full] = await before.getTeamChecklists([TEAM_A]);
      expect(full.checklists[0].completion).toMatchObject({
        total: 2,
        done: 1,
        expired: 0,
      });

      // The config drops the item 'removed' and never had the checklist 'retired'.
      const after = ChecklistService.create({
        ...READ_ONLY,
        definitions: [checklist('ospo', ['kept', 'added'])],
        store,
      });
      const [team] = await after.getTeamChecklists([TEAM_A]);

      expect(team.checklists).toHaveLength(1);
      expect(team.checklists[0].answers.map(a => a.itemId)).toEqual(['kept']);
      expect(team.checklists[0].completion).toEqual({
        total: 2,
        applicable: 2,
        done: 0,
        expired: 0,
        inProgress: 1,
        notStarted: 1,
        notApplicable: 0,
        unanswered: 1,
        ratio: 0,
      });
      // Still stored: putting the item back in config brings the answer back.
      expect(
        (await store.getAnswers([TEAM_A])).map(
          a => `${a.checklistId}/${a.itemId}`,
        ),
      ).toEqual(['ospo/kept', 'ospo/removed', 'retired/kept']);
    });
    describe('with answers that expire', () => {
      const GIVEN = '2025-06-01T12:00:00.000Z';
      const definitions: ChecklistDefinition[] = [
        {
          id: 'ospo',
          title: 'OSPO',
          items: [
            { id: 'yearly', title: 'Y', description: '', validFor: 'P1Y' },
            { id: 'forever', title: 'F', description: '' },
            { id: 'monthly', title: 'M', description: '', validFor: 'P1M' },
          ],
        },
      ];
      let clock: FixedClock;
      let service: ChecklistService;

      beforeEach(async () => {
        clock = FixedClock.at(GIVEN);
        const knex = await databases.init(databaseId);
        await migrateDatabase(knex);
        const timed = DatabaseChecklistStore.create({ database: knex, clock });
        service = ChecklistService.create({
          definitions,
          store: timed,
          clock,
          teams: TeamDirectory.create({
            catalog: catalogServiceMock({
              entities: [
                {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'Group',
                  metadata: { name: 'team-a', namespace: 'default' },
                  spec: { type: 'team', children: [] },
                },
              ],
            }),
          }),
          access: READ_ONLY.access,
        });
        const lee = mockCredentials.user('user:default/lee');
        const team = { namespace: 'default', name: 'team-a' };
        for (const itemId of ['yearly', 'forever']) {
          await service.updateAnswer(
            team,
            { checklistId: 'ospo', itemId, status: 'done', expectedVersion: 0 },
            lee,
          );
        }
        await service.updateAnswer(
          team,
          {
            checklistId: 'ospo',
            itemId: 'monthly',
            status: 'in-progress',
            expectedVersion: 0,
          },
          lee,
        );
      });

      async function checklistAt(time: string) {
        clock.set(time);
        const [team] = await service.getTeamChecklists([TEAM_A]);
        return team.checklists[0];
      }

      it('flags a done answer expired from answeredAt + validFor on, by the clock, and counts it as not done', async () => {
        const before = await checklistAt('2026-06-01T11:59:59.999Z');
        expect(
          before.answers.map(a => [a.itemId, a.expiresAt, a.expired]),
        ).toEqual([
          ['yearly', '2026-06-01T12:00:00.000Z', undefined],
          ['forever', undefined, undefined],
          // Not done: validFor does not apply.
          ['monthly', undefined, undefined],
        ]);
        expect(before.completion).toMatchObject({ done: 2, expired: 0 });

        const at = await checklistAt('2026-06-01T12:00:00.000Z');
        expect(at.answers.map(a => [a.itemId, a.expired])).toEqual([
          ['yearly', true],
          ['forever', undefined],
          ['monthly', undefined],
        ]);
        // Its status stays done; it counts as applicable, not done.
        expect(at.answers[0].status).toBe('done');
        expect(at.completion).toEqual({
          total: 3,
          applicable: 3,
          done: 1,
          expired: 1,
          inProgress: 1,
          notStarted: 0,
          notApplicable: 0,
          unanswered: 0,
          ratio: 1 / 3,
        });
      });

      it('renews an expired answer when re-attested, from the new time', async () => {
        clock.set('2026-07-01T09:00:00.000Z');
        const lee = mockCredentials.user('user:default/lee');
        const reattested = await service.reattestAnswer(
          { namespace: 'default', name: 'team-a' },
          { checklistId: 'ospo', itemId: 'yearly', expectedVersion: 1 },
          lee,
        );
        expect(reattested).toMatchObject({
          status: 'done',
          version: 2,
          answeredAt: '2026-07-01T09:00:00.000Z',
          expiresAt: '2027-07-01T09:00:00.000Z',
        });
        expect(reattested.expired).toBeUndefined();
        const now = await checklistAt('2026-07-01T09:00:00.000Z');
        expect(now.completion).toMatchObject({ done: 2, expired: 0 });
      });

      it('refuses to re-attest an item that is not done or not defined', async () => {
        const lee = mockCredentials.user('user:default/lee');
        const team = { namespace: 'default', name: 'team-a' };
        await expect(
          service.reattestAnswer(
            team,
            { checklistId: 'ospo', itemId: 'monthly', expectedVersion: 1 },
            lee,
          ),
        ).rejects.toMatchObject({ name: 'ConflictError' });
        await expect(
          service.reattestAnswer(
            team,
            { checklistId: 'ospo', itemId: 'nope', expectedVersion: 1 },
            lee,
          ),
        ).rejects.toMatchObject({ name: 'NotFoundError' });
      });
    });
  },
);
