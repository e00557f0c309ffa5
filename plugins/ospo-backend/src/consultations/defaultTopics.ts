import { ConsultationTopic } from '@ospo-kit/plugin-ospo-common';

/**
 * What the OSPO helps with when `ospo.office.topics` is not configured: the
 * areas an OSPO is typically consulted on.
 *
 * @public
 */
export const DEFAULT_CONSULTATION_TOPICS: ConsultationTopic[] = [
  {
    id: 'new-dependency',
    title: 'Using a new open source dependency',
    description:
      "Check a project's license, health and security before it becomes part of what we build or ship.",
  },
  {
    id: 'contribute-upstream',
    title: 'Contributing to an upstream project',
    description:
      'Fix or improve an open source project we rely on, following our contribution policy.',
  },
  {
    id: 'publish',
    title: 'Publishing this as open source',
    description:
      'Release code we own: license choice, IP and security review, repository set-up and community.',
  },
  {
    id: 'license-compliance',
    title: 'A license or compliance question',
    description:
      'License obligations, combining licenses, notices and attribution in what we distribute.',
  },
  {
    id: 'vulnerability',
    title: 'A vulnerability (CVE) in open source we use',
    description:
      'Assess and respond to a published vulnerability, in our inventory and with the upstream project.',
  },
  {
    id: 'other',
    title: 'Something else',
    description: 'Any other question about open source: ask us.',
  },
];
