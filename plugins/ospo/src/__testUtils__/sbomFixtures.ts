import {
  SbomOffenders,
  SbomVulnerabilities,
} from '@ospo-kit/plugin-ospo-common';
import { daysAgo } from './ospoFixtures';

/** The reports before any SBOM was uploaded. */
export const noSbomOffenders: SbomOffenders = {
  scannedEntityCount: 0,
  violationCount: 0,
  affectedEntityCount: 0,
  packageCount: 0,
  licenseCount: 0,
  packages: [],
  licenses: [],
};

export const noSbomVulnerabilities: SbomVulnerabilities = {
  scannedEntityCount: 0,
  totalCount: 0,
  affectedEntityCount: 0,
  bySeverity: {
    critical: { vulnerabilityCount: 0, entityCount: 0 },
    high: { vulnerabilityCount: 0, entityCount: 0 },
    medium: { vulnerabilityCount: 0, entityCount: 0 },
    low: { vulnerabilityCount: 0, entityCount: 0 },
    unknown: { vulnerabilityCount: 0, entityCount: 0 },
  },
  items: [],
};

/** Twelve components with SBOMs, three of them with violations. */
export const sbomOffenders: SbomOffenders = {
  scannedEntityCount: 12,
  lastScannedAt: daysAgo(1 / 12),
  violationCount: 7,
  affectedEntityCount: 3,
  packageCount: 24,
  licenseCount: 2,
  packages: [
    {
      name: 'gpl-lib',
      license: 'GPL-3.0-only',
      culprits: ['GPL-3.0-only'],
      entityCount: 3,
      violationCount: 4,
    },
    {
      name: '@acme/mixed',
      license: 'MIT AND AGPL-3.0-only',
      culprits: ['AGPL-3.0-only'],
      entityCount: 2,
      violationCount: 3,
    },
  ],
  licenses: [
    {
      license: 'GPL-3.0-only',
      entityCount: 3,
      violationCount: 4,
      packageCount: 1,
    },
    {
      license: 'MIT AND AGPL-3.0-only',
      entityCount: 2,
      violationCount: 3,
      packageCount: 1,
    },
  ],
};

export const sbomVulnerabilities: SbomVulnerabilities = {
  scannedEntityCount: 12,
  lastScannedAt: daysAgo(1 / 12),
  totalCount: 3,
  affectedEntityCount: 5,
  bySeverity: {
    critical: { vulnerabilityCount: 1, entityCount: 4 },
    high: { vulnerabilityCount: 0, entityCount: 0 },
    medium: { vulnerabilityCount: 1, entityCount: 2 },
    low: { vulnerabilityCount: 0, entityCount: 0 },
    unknown: { vulnerabilityCount: 1, entityCount: 1 },
  },
  oldestCritical: {
    vulnerabilityId: 'CVE-2021-23337',
    entityRef: 'component:default/checkout',
    packageName: 'lodash',
    firstSeenAt: daysAgo(40),
  },
  items: [
    {
      vulnerabilityId: 'CVE-2021-23337',
      severity: 'critical',
      entityCount: 4,
      entityRefs: [
        'component:default/cart',
        'component:default/checkout',
        'component:default/search',
        'component:default/shop',
      ],
      packages: [{ name: 'lodash', fixedVersion: '4.17.21' }],
      url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
      firstSeenAt: daysAgo(40),
    },
    {
      vulnerabilityId: 'CVE-2022-24999',
      severity: 'medium',
      entityCount: 2,
      entityRefs: ['component:default/cart', 'component:default/shop'],
      packages: [{ name: 'qs' }],
      url: 'ftp://advisories.example.com/CVE-2022-24999',
      firstSeenAt: daysAgo(3),
    },
    {
      vulnerabilityId: 'GHSA-xxxx-yyyy-zzzz',
      severity: 'unknown',
      entityCount: 1,
      entityRefs: ['component:default/wiki'],
      packages: [{ name: 'marked', fixedVersion: '4.0.10' }],
      firstSeenAt: daysAgo(1),
    },
  ],
};
