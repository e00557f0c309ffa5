import {
  AnswerHistoryEntry,
  ChecklistAnswer,
  ChecklistDefinition,
  ChecklistItemStatus,
  TeamChecklist,
  TeamChecklists,
  computeChecklistCompletion,
} from '@ospo-kit/plugin-ospo-common';

/** Where the tests' msw server serves the OSPO backend. */
export const OSPO_BASE_URL = 'http://localhost:7007/api/ospo';

/** The default checklist the backend ships with. */
export const ospoChecklist: ChecklistDefinition = {
  id: 'ospo',
  title: 'Creating an OSPO',
  description: 'The OSMM activities that set up an Open Source Program Office.',
  osmmLevel: 2,
  items: [
    {
      id: 'creation',
      title: 'Creation',
      description: 'The OSPO is created with a mandate and a budget.',
      guidanceUrl: 'https://example.com/guidance/creation',
    },
    {
      id: 'stakeholders',
      title: 'Stakeholders',
      description: 'The stakeholders of open source are identified.',
    },
    {
      id: 'awareness',
      title: 'Awareness',
      description: 'Staff are made aware of open source and its rules.',
    },
    {
      id: 'consultation',
      title: 'Consultation',
      description: 'Teams can consult the OSPO.',
    },
    {
      id: 'measurement',
      title: 'Measurement',
      description: 'Open source activity is measured.',
    },
  ],
};

/** A stored answer of the default checklist, with sensible defaults. */
export function makeAnswer(
  teamRef: string,
  itemId: string,
  status: ChecklistItemStatus,
  overrides: Partial<ChecklistAnswer> = {},
): ChecklistAnswer {
  return {
    teamRef,
    checklistId: ospoChecklist.id,
    itemId,
    status,
    answeredBy: 'user:default/lee',
    answeredAt: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000).toISOString(),
    version: 1,
    ...overrides,
  };
}

/** What GET /teams/:namespace/:name/checklists returns for these answers. */
export function makeTeamChecklists(
  teamRef: string,
  answers: ChecklistAnswer[],
  checklists: ChecklistDefinition[] = [ospoChecklist],
): TeamChecklists {
  return {
    teamRef,
    checklists: checklists.map((checklist): TeamChecklist => {
      const own = answers.filter(a => a.checklistId === checklist.id);
      return {
        checklist,
        answers: own,
        completion: computeChecklistCompletion(checklist, own),
      };
    }),
  };
}

/** One entry of an answer's history. */
export function makeHistoryEntry(
  teamRef: string,
  entry: Partial<AnswerHistoryEntry> &
    Pick<AnswerHistoryEntry, 'toStatus' | 'version'>,
): AnswerHistoryEntry {
  return {
    teamRef,
    checklistId: ospoChecklist.id,
    itemId: 'creation',
    changedBy: 'user:default/lee',
    changedAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    ...entry,
  };
}

/** A Backstage-style error body, as the backend's error handler sends it. */
export function makeErrorBody(status: number, name: string, message: string) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/ospo' },
    response: { statusCode: status },
  };
}
