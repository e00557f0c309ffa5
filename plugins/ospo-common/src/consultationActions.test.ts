import {
  CONSULTATION_ACTIONS,
  ConsultationActor,
  availableConsultationActions,
} from './consultationActions';
import {
  CONSULTATION_STATUSES,
  ConsultationAction,
  ConsultationStatus,
} from './consultations';

const ROLES: Record<string, ConsultationActor> = {
  'someone else': { isStaff: false, isRequester: false },
  'the requester': { isStaff: false, isRequester: true },
  'OSPO staff': { isStaff: true, isRequester: false },
  'OSPO staff who filed it': { isStaff: true, isRequester: true },
};

// Written out by hand, not derived from the table, so a change to the state
// machine has to be made here on purpose too.
const EXPECTED: Record<
  ConsultationStatus,
  Record<keyof typeof ROLES, ConsultationAction[]>
> = {
  open: {
    'someone else': [],
    'the requester': ['withdraw'],
    'OSPO staff': ['start', 'resolve', 'decline'],
    'OSPO staff who filed it': ['start', 'resolve', 'decline', 'withdraw'],
  },
  'in-progress': {
    'someone else': [],
    'the requester': ['withdraw'],
    'OSPO staff': ['resolve', 'decline'],
    'OSPO staff who filed it': ['resolve', 'decline', 'withdraw'],
  },
  resolved: {
    'someone else': [],
    'the requester': [],
    'OSPO staff': ['reopen'],
    'OSPO staff who filed it': ['reopen'],
  },
  declined: {
    'someone else': [],
    'the requester': [],
    'OSPO staff': ['reopen'],
    'OSPO staff who filed it': ['reopen'],
  },
  withdrawn: {
    'someone else': [],
    'the requester': [],
    'OSPO staff': ['reopen'],
    'OSPO staff who filed it': ['reopen'],
  },
};

describe('availableConsultationActions', () => {
  const cases = CONSULTATION_STATUSES.flatMap(status =>
    Object.keys(ROLES).map(role => [status, role] as const),
  );

  it.each(cases)('%s request, %s', (status, role) => {
    expect(availableConsultationActions({ status }, ROLES[role])).toEqual(
      EXPECTED[status][role],
    );
  });

  it('covers every status', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(
      [...CONSULTATION_STATUSES].sort(),
    );
  });
});

describe('CONSULTATION_ACTIONS', () => {
  const closed: ConsultationStatus[] = ['resolved', 'declined', 'withdrawn'];

  it('leads every action out of the statuses it starts from', () => {
    for (const [action, { from, to }] of Object.entries(CONSULTATION_ACTIONS)) {
      expect({ action, from: from.includes(to) }).toEqual({
        action,
        from: false,
      });
    }
  });

  it('records a resolution exactly when an action closes a request', () => {
    for (const [action, rule] of Object.entries(CONSULTATION_ACTIONS)) {
      expect({ action, setsResolution: rule.setsResolution }).toEqual({
        action,
        setsResolution: closed.includes(rule.to),
      });
    }
  });

  it('leaves staff the only way back from a closed request', () => {
    const fromClosed = Object.entries(CONSULTATION_ACTIONS).filter(([, rule]) =>
      rule.from.some(status => closed.includes(status)),
    );
    expect(fromClosed).toEqual([
      [
        'reopen',
        {
          from: ['resolved', 'declined', 'withdrawn'],
          to: 'open',
          by: 'staff',
          setsResolution: false,
        },
      ],
    ]);
  });
});
