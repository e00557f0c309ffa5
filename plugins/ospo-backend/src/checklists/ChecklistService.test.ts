import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChecklistDefinition } from '@ospo-kit/plugin-ospo-common';
import { SetAnswerOptions } from './ChecklistStore';
import { DatabaseChecklistStore } from './DatabaseChecklistStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChecklistService } from './ChecklistService';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';

jest.setTimeout(60_000);

const databases = createTestDatabases();

// What the service reads through; these tests only join answers with
// definitions, which asks neither (the routes' tests cover access).
const READ_ONLY = {
  teams: TeamDirectory.create({ catalog: catalogServiceMock() }),
  access: OspoAccess.create({ permissions: mockServices.permissions() }),
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
  },
);
