import { Entity } from '@backstage/catalog-model';
import {
  AnswerHistoryEntry,
  Consultation,
  ConsultationEvent,
  ConsultationPage,
  ConsultationWithEvents,
  OfficeStaff,
  OspoOffice,
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

/** Who the OSPO is, as GET /office returns it. */
export const ospoOffice: OspoOffice = {
  groupRef: 'group:default/ospo',
  contacts: [
    { title: '#ospo on chat', url: 'https://chat.example.com/ospo' },
    { title: 'ospo@example.com', url: 'mailto:ospo@example.com' },
  ],
  officeHours: 'Tuesdays, 14:00–16:00 CET',
  responseTargetHours: 48,
  topics: [
    {
      id: 'new-dependency',
      title: 'Using a new open source dependency',
      description: "Check a project's license, health and security first.",
      guidanceUrl: 'https://wiki.example.com/ospo/dependencies',
    },
    {
      id: 'publish',
      title: 'Publishing this as open source',
      description: 'License choice, IP review and repository set-up.',
    },
    {
      id: 'other',
      title: 'Something else',
      description: 'Any other question about open source.',
    },
  ],
};

const DAY = 24 * 60 * 60 * 1000;

/** An ISO timestamp some days before now. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY).toISOString();
}

/** A stored consultation request, open and unassigned unless overridden. */
export function makeConsultation(
  overrides: Partial<Consultation> = {},
): Consultation {
  return {
    id: '6f1c9a52-0d5e-4a55-9a58-1f6a3c1e2b01',
    entityRef: 'component:default/payments-api',
    requesterRef: 'user:default/lee',
    topic: 'publish',
    summary: 'Can we publish the payments SDK?',
    details: 'Partners keep asking for it.',
    urgency: 'normal',
    status: 'open',
    createdAt: daysAgo(3),
    updatedAt: daysAgo(3),
    firstResponseDueAt: daysAgo(1),
    overdue: false,
    commentCount: 0,
    ...overrides,
  };
}

/** One entry of a consultation's thread. */
export function makeConsultationEvent(
  event: Partial<ConsultationEvent> & Pick<ConsultationEvent, 'id' | 'type'>,
): ConsultationEvent {
  return {
    actorRef: 'user:default/lee',
    createdAt: daysAgo(3),
    ...event,
  };
}

/** A consultation with its thread, starting with its creation. */
export function makeConsultationWithEvents(
  overrides: Partial<Consultation> = {},
  events: ConsultationEvent[] = [],
): ConsultationWithEvents {
  const consultation = makeConsultation(overrides);
  return {
    ...consultation,
    events: [
      makeConsultationEvent({
        id: 'e0',
        type: 'created',
        actorRef: consultation.requesterRef,
        createdAt: consultation.createdAt,
      }),
      ...events,
    ],
  };
}

/** What GET /consultations returns for these items. */
export function makeConsultationPage(
  items: Consultation[],
  page: Partial<Omit<ConsultationPage, 'items'>> = {},
): ConsultationPage {
  return {
    items,
    totalCount: items.length,
    limit: 50,
    offset: 0,
    ...page,
  };
}

/** The OSPO's staff, as `GET /office/staff` lists them. */
export const officeStaff: OfficeStaff = {
  groupRef: 'group:default/ospo',
  items: [
    {
      userRef: 'user:default/olivia',
      displayName: 'Olivia Osei',
      email: 'olivia@example.com',
    },
    { userRef: 'user:default/sam', displayName: 'Sam Stone' },
  ],
};

/** A User in the catalog, for the pickers. */
export function makeUserEntity(name: string, displayName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName }, memberOf: [] },
  };
}

/** A Group in the catalog, for the pickers. */
export function makeGroupEntity(name: string, title: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title },
    spec: { type: 'team', children: [] },
  };
}
