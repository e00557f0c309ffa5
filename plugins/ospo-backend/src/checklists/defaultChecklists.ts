import { ChecklistDefinition } from '@ospo-kit/plugin-ospo-common';

/**
 * The checklist of the Open Source Maturity Model activity "Creating an OSPO"
 * (OSMM level 2), used when `ospo.checklists` is not configured. A done
 * answer to "Stakeholders" holds for a year (`validFor: P1Y`): people change
 * roles, so the team confirms yearly who the stakeholders are.
 *
 * @public
 */
export const OSPO_MATURITY_CHECKLIST: ChecklistDefinition = {
  id: 'ospo',
  title: 'Creating an OSPO',
  description:
    'Whether the organisation has an Open Source Program Office that people know, consult and that measures open source usage.',
  osmmLevel: 2,
  items: [
    {
      id: 'creation',
      title: 'Creation',
      description: 'The organisation has an open source program office (OSPO).',
    },
    {
      id: 'stakeholders',
      title: 'Stakeholders',
      description:
        'The OSPO has stakeholders from relevant functional areas of the organisation.',
      // People change roles: who the stakeholders are is confirmed yearly.
      validFor: 'P1Y',
    },
    {
      id: 'awareness',
      title: 'Awareness',
      description:
        'Staff are aware of the purpose of the OSPO and how to engage with it.',
    },
    {
      id: 'consultation',
      title: 'Consultation',
      description:
        'The OSPO is consulted when the organisation starts new open source activity.',
    },
    {
      id: 'measurement',
      title: 'Measurement',
      description: 'The OSPO measures usage according to published metrics.',
    },
  ],
};
