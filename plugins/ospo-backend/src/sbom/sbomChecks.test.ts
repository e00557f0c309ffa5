import { Entity } from '@backstage/catalog-model';
import {
  EntitySbomFacts,
  MetricEntityContext,
} from '@ospo-kit/plugin-ospo-node';
import { createSbomChecks } from './sbomChecks';

const NOW = new Date('2026-06-30T12:00:00Z');
const checks = createSbomChecks({ now: () => NOW });
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop' },
  spec: { owner: 'team-a' },
};
const context: MetricEntityContext = { entityRef: 'component:default/shop' };

function facts(overrides: Partial<EntitySbomFacts> = {}): EntitySbomFacts {
  return {
    scannedAt: new Date('2026-06-27T08:00:00Z'),
    componentCount: 240,
    licenses: {
      allowed: 240,
      review: 0,
      denied: 0,
      unclassified: 0,
      unknown: 0,
    },
    vulnerabilities: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 },
    findings: [],
    ...overrides,
  };
}

function verdictOf(id: string, sbom?: EntitySbomFacts) {
  const check = checks.find(c => c.id === id)!;
  return check.evaluate(entity, sbom ? { ...context, sbom } : context);
}

const seen = new Date('2026-06-01T00:00:00Z');

describe('SBOM checks', () => {
  it('cannot tell anything of a component never scanned', () => {
    for (const id of ['dependency-licenses', 'known-vulnerabilities']) {
      expect(verdictOf(id)).toMatchObject({
        verdict: 'unknown',
        reason: 'No SBOM was uploaded for it, so its dependencies are unknown',
        fix: expect.stringContaining('CycloneDX'),
      });
    }
  });

  describe('dependency licenses', () => {
    it('passes when no dependency is denied, saying how many have no license', () => {
      expect(verdictOf('dependency-licenses', facts())).toEqual({
        verdict: 'pass',
        reason:
          'None of its 240 dependencies is under a denied license (scanned 3 days ago)',
      });
      expect(
        verdictOf(
          'dependency-licenses',
          facts({
            licenses: {
              allowed: 230,
              review: 0,
              denied: 0,
              unclassified: 0,
              unknown: 10,
            },
          }),
        )?.reason,
      ).toContain('; 10 have no license in the SBOM');
    });

    it('fails on denied licenses, naming the first packages and counting the rest', () => {
      const denied = ['a', 'b', 'c', 'd'].map(name => ({
        kind: 'license' as const,
        package: { name, version: '1.0.0' },
        license: 'GPL-3.0-only',
        culprits: ['GPL-3.0-only'],
        firstSeenAt: seen,
      }));
      expect(
        verdictOf(
          'dependency-licenses',
          facts({
            licenses: {
              allowed: 236,
              review: 0,
              denied: 4,
              unclassified: 0,
              unknown: 0,
            },
            findings: denied,
          }),
        ),
      ).toEqual({
        verdict: 'fail',
        reason:
          '4 dependencies are under a license the policy denies: a 1.0.0 (GPL-3.0-only), b 1.0.0 (GPL-3.0-only), c 1.0.0 (GPL-3.0-only) and 1 more (scanned 3 days ago)',
        fix: expect.stringContaining('consult the OSPO'),
        consultTopic: 'license-compliance',
      });
    });

    it('warns when dependencies need a review', () => {
      expect(
        verdictOf(
          'dependency-licenses',
          facts({
            licenses: {
              allowed: 239,
              review: 1,
              denied: 0,
              unclassified: 0,
              unknown: 0,
            },
          }),
        ),
      ).toMatchObject({
        verdict: 'warn',
        reason:
          "1 dependency needs the OSPO's license review (scanned 3 days ago)",
      });
    });
  });

  describe('known vulnerabilities', () => {
    it('passes with none open', () => {
      expect(verdictOf('known-vulnerabilities', facts())).toEqual({
        verdict: 'pass',
        reason:
          'No known vulnerability in 240 dependencies (scanned 3 days ago)',
      });
    });

    it('fails on a critical or high one, with the upgrades that fix them', () => {
      const result = verdictOf(
        'known-vulnerabilities',
        facts({
          vulnerabilities: {
            critical: 1,
            high: 1,
            medium: 0,
            low: 1,
            unknown: 0,
          },
          findings: [
            {
              kind: 'vulnerability',
              package: { name: 'minimist', version: '1.2.5' },
              vulnerabilityId: 'CVE-2021-44906',
              severity: 'critical',
              fixedVersion: '1.2.6',
              firstSeenAt: seen,
            },
            {
              kind: 'vulnerability',
              package: { name: 'lodash', version: '4.17.20' },
              vulnerabilityId: 'CVE-2021-23337',
              severity: 'high',
              fixedVersion: '4.17.21',
              firstSeenAt: seen,
            },
            {
              kind: 'vulnerability',
              package: { name: 'left-pad', version: '1.0.0' },
              vulnerabilityId: 'GHSA-xxxx-yyyy-zzzz',
              severity: 'low',
              firstSeenAt: seen,
            },
          ],
        }),
      );
      expect(result).toEqual({
        verdict: 'fail',
        reason:
          '3 open vulnerabilities (1 critical, 1 high, 1 low) in its dependencies (scanned 3 days ago)',
        fix: 'Upgrade minimist to 1.2.6 (CVE-2021-44906) and lodash to 4.17.21 (CVE-2021-23337). No fixed version is known for GHSA-xxxx-yyyy-zzzz in left-pad 1.0.0: consult the OSPO on how to respond.',
        consultTopic: 'vulnerability',
      });
    });

    it('warns when only medium, low or unrated ones are open', () => {
      expect(
        verdictOf(
          'known-vulnerabilities',
          facts({
            vulnerabilities: {
              critical: 0,
              high: 0,
              medium: 2,
              low: 0,
              unknown: 1,
            },
          }),
        ),
      ).toMatchObject({
        verdict: 'warn',
        reason:
          '3 open vulnerabilities (2 medium, 1 of unknown severity) in its dependencies (scanned 3 days ago)',
      });
    });
  });
});
