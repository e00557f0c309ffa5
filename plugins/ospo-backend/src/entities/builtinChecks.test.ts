import { Entity } from '@backstage/catalog-model';
import { MetricEntityContext } from '@ospo-kit/plugin-ospo-node';
import { LicensePolicy } from '../metrics/LicensePolicy';
import { createBuiltinChecks } from './builtinChecks';

const checks = createBuiltinChecks({ licensePolicy: LicensePolicy.create({}) });
const TEAM = 'group:default/team-a';

function component(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'shop', annotations },
    spec: { owner: 'team-a' },
  };
}

const owned: MetricEntityContext = {
  entityRef: 'component:default/shop',
  ownerRef: TEAM,
  teamRef: TEAM,
};

function verdictOf(
  id: string,
  entity: Entity,
  context: MetricEntityContext = owned,
) {
  const check = checks.find(c => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check.evaluate(entity, context);
}

const license = (value: string) => component({ 'ospo-kit.io/license': value });

describe('built-in checks', () => {
  it('have unique ids, each with the kinds it applies to', () => {
    const ids = checks.map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'owner',
      'license-declared',
      'license-policy',
      'source-location',
      'sbom',
      'techdocs',
      'fork-upstream',
      'published-repository',
    ]);
    expect(checks.find(c => c.id === 'owner')?.kinds).toEqual([
      'Component',
      'API',
      'System',
      'Resource',
    ]);
  });

  describe('license declared', () => {
    it('fails without a license, saying which annotation to add', () => {
      expect(verdictOf('license-declared', component())).toEqual({
        verdict: 'fail',
        reason: 'No license is declared',
        fix: expect.stringContaining('`ospo-kit.io/license`'),
      });
    });

    it('fails on an expression that is not SPDX, suggesting the right one', () => {
      expect(verdictOf('license-declared', license('Apache2'))).toEqual({
        verdict: 'fail',
        reason: "'Apache2' is not a valid SPDX license expression",
        fix: 'Write it as `Apache-2.0`.',
      });
    });

    it('passes a valid expression', () => {
      expect(
        verdictOf('license-declared', license('MIT OR Apache-2.0')),
      ).toEqual({ verdict: 'pass', reason: 'Declares MIT OR Apache-2.0' });
    });
  });

  describe('license policy', () => {
    it('fails a denied license, naming it, with how to fix it', () => {
      expect(verdictOf('license-policy', license('AGPL-3.0-only'))).toEqual({
        verdict: 'fail',
        reason: 'AGPL-3.0-only is denied by the license policy',
        fix: expect.stringContaining('allowed license'),
      });
    });

    it('names only the offending part of an expression', () => {
      expect(
        verdictOf('license-policy', license('MIT AND GPL-3.0-only'))?.reason,
      ).toBe('GPL-3.0-only is denied by the license policy');
      expect(
        verdictOf(
          'license-policy',
          license('(MIT AND LGPL-3.0-only) AND MPL-2.0'),
        ),
      ).toEqual({
        verdict: 'warn',
        reason: "LGPL-3.0-only and MPL-2.0 need the OSPO's review",
        fix: expect.any(String),
      });
    });

    it('passes an OR whose better side is allowed', () => {
      expect(
        verdictOf('license-policy', license('MIT OR AGPL-3.0-only')),
      ).toEqual({
        verdict: 'pass',
        reason: 'MIT OR AGPL-3.0-only is allowed by the license policy',
      });
    });

    it('warns about a license in none of the lists', () => {
      expect(verdictOf('license-policy', license('Beerware'))).toMatchObject({
        verdict: 'warn',
        reason: "Beerware is in none of the policy's lists",
      });
    });

    it('is unknown, not a pass, without a valid license', () => {
      expect(verdictOf('license-policy', component())?.verdict).toBe('unknown');
      expect(verdictOf('license-policy', license('Apache2'))?.verdict).toBe(
        'unknown',
      );
    });
  });

  describe('owner', () => {
    it('passes an owner that is a Group in the catalog', () => {
      expect(verdictOf('owner', component())).toEqual({
        verdict: 'pass',
        reason: `Owned by ${TEAM}`,
      });
    });

    it('fails without an owner, or with a Group missing from the catalog', () => {
      expect(
        verdictOf('owner', component(), {
          entityRef: 'component:default/shop',
        }),
      ).toMatchObject({ verdict: 'fail', reason: 'No owner is set' });
      expect(
        verdictOf('owner', component(), {
          entityRef: 'component:default/shop',
          ownerRef: 'group:default/ghost',
        }),
      ).toMatchObject({
        verdict: 'fail',
        reason: 'The owner group:default/ghost is not in the catalog',
      });
    });

    it('warns when a person owns it', () => {
      expect(
        verdictOf('owner', component(), {
          entityRef: 'component:default/shop',
          ownerRef: 'user:default/lee',
        }),
      ).toMatchObject({ verdict: 'warn' });
    });
  });

  it('warns about a missing source location, SBOM and TechDocs', () => {
    for (const id of ['source-location', 'sbom', 'techdocs']) {
      expect(verdictOf(id, component())).toMatchObject({
        verdict: 'warn',
        fix: expect.any(String),
      });
    }
    const documented = component({
      'backstage.io/source-location': 'url:https://git.example.com/shop',
      'ospo-kit.io/sbom': 'https://sbom.example.com/shop.json',
      'backstage.io/techdocs-ref': 'dir:.',
    });
    for (const id of ['source-location', 'techdocs']) {
      expect(verdictOf(id, documented)?.verdict).toBe('pass');
    }
    // A linked SBOM that was never uploaded tells nothing of the dependencies.
    expect(verdictOf('sbom', documented)).toMatchObject({
      verdict: 'warn',
      reason: expect.stringContaining('none was uploaded'),
    });
  });

  it('passes an SBOM scanned recently, and warns when the scan is stale', () => {
    const scanned = createBuiltinChecks({
      licensePolicy: LicensePolicy.create({}),
      sbomStaleAfterDays: 30,
      now: () => new Date('2026-06-30T12:00:00Z'),
    }).find(c => c.id === 'sbom')!;
    const withScanOf = (scannedAt: string): MetricEntityContext => ({
      ...owned,
      sbom: {
        scannedAt: new Date(scannedAt),
        componentCount: 1234,
        licenses: {
          allowed: 1234,
          review: 0,
          denied: 0,
          unclassified: 0,
          unknown: 0,
        },
        vulnerabilities: {
          critical: 0,
          high: 0,
          medium: 0,
          low: 0,
          unknown: 0,
        },
        findings: [],
      },
    });
    expect(
      scanned.evaluate(component(), withScanOf('2026-06-28T12:00:00Z')),
    ).toEqual({
      verdict: 'pass',
      reason: 'Scanned 2 days ago: 1,234 dependencies',
    });
    expect(
      scanned.evaluate(component(), withScanOf('2026-05-31T12:00:00Z')),
    ).toMatchObject({ verdict: 'pass' });
    expect(
      scanned.evaluate(component(), withScanOf('2026-05-30T12:00:00Z')),
    ).toMatchObject({
      verdict: 'warn',
      reason:
        'Its latest SBOM scan is 31 days old; scans older than 30 days are stale',
    });
  });

  it('checks forks and published projects only when they say they are one', () => {
    expect(verdictOf('fork-upstream', component())).toBeUndefined();
    expect(verdictOf('published-repository', component())).toBeUndefined();
    expect(
      verdictOf(
        'fork-upstream',
        component({
          'ospo-kit.io/fork-of': 'https://github.com/grafana/grafana',
        }),
      ),
    ).toEqual({
      verdict: 'pass',
      reason: 'Internal fork of https://github.com/grafana/grafana',
    });
    expect(
      verdictOf(
        'published-repository',
        component({ 'ospo-kit.io/published-at': 'our GitHub' }),
      ),
    ).toMatchObject({
      verdict: 'fail',
      reason: "`ospo-kit.io/published-at` is 'our GitHub', not a web link",
    });
  });
});
