/*
 * A deterministic synthetic catalog for the metrics benchmark: Groups in a
 * four-level hierarchy (org, division, department, team), Users in leaf teams,
 * and Components with a mix of owners, types, lifecycles and annotations close
 * to what a large organisation's catalog holds. The same shape and seed always
 * give the same entities, so a loaded catalog can be recognised and reused.
 */

import { createHash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { CatalogShape } from './benchOptions';
import { createRandom } from '../createRandom';

/** Bump when the generator's output changes for the same shape and seed. */
export const GENERATOR_VERSION = 1;

/** Location annotations every provided entity needs. */
export const BENCH_LOCATION = 'ospo-bench:synthetic-catalog';

export interface SyntheticCatalog {
  groups: Entity[];
  users: Entity[];
  components: Entity[];
  /** Counts by kind, as the catalog should report them once loaded. */
  counts: { Group: number; User: number; Component: number };
  /** Group counts per hierarchy level, top first. */
  levels: { org: number; division: number; department: number; team: number };
  /** sha256 over the generator version, the shape and every entity. */
  fingerprint: string;
}

type Random = ReturnType<typeof createRandom>;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const capitalize = (word: string) => `${word[0].toUpperCase()}${word.slice(1)}`;

const WORDS = [
  'atlas',
  'beacon',
  'cobalt',
  'delta',
  'ember',
  'falcon',
  'garnet',
  'harbor',
  'iris',
  'juniper',
  'kestrel',
  'lumen',
  'meridian',
  'nimbus',
  'onyx',
  'pulsar',
  'quartz',
  'raven',
  'sierra',
  'tundra',
  'umber',
  'vector',
  'willow',
  'zephyr',
];
const DOMAINS = [
  'payments',
  'billing',
  'search',
  'checkout',
  'identity',
  'catalog',
  'orders',
  'shipping',
  'pricing',
  'reviews',
  'inventory',
  'ledger',
  'notifications',
  'analytics',
  'media',
  'profile',
  'ads',
  'fraud',
  'support',
  'docs',
];
const ROLES = [
  'api',
  'service',
  'worker',
  'ui',
  'web',
  'lib',
  'sdk',
  'gateway',
  'cli',
  'jobs',
  'adapter',
  'proxy',
  'client',
  'portal',
  'engine',
  'store',
];

const LICENSES: ReadonlyArray<readonly [string, number]> = [
  ['Apache-2.0', 30],
  ['MIT', 24],
  ['MIT OR Apache-2.0', 8],
  ['BSD-3-Clause', 8],
  ['MPL-2.0', 5],
  ['LGPL-2.1-only', 4],
  ['GPL-3.0-only', 4],
  ['BSD-2-Clause', 3],
  ['ISC', 3],
  ['AGPL-3.0-only', 2],
  ['GPL-2.0-or-later', 2],
  ['LicenseRef-Proprietary', 2],
  ['Apache-2.0 WITH LLVM-exception', 1],
  // Junk seen in real catalogs: not SPDX, or not an expression at all.
  ['apache 2', 1],
  ['GPLv3', 1],
  ['MIT/Apache', 1],
  ['see LICENSE file', 0.5],
  ['TBD', 0.5],
  ['Proprietary', 0.5],
];

/**
 * Group counts per level: about 0.4% orgs, 3.2% divisions, 19.2% departments,
 * the rest teams (8 + 64 + 384 + 1544 for 2,000 Groups).
 */
export function hierarchyLevels(groups: number) {
  if (groups < 8) {
    throw new Error('The hierarchy needs at least 8 groups');
  }
  const org = Math.max(1, Math.round(groups * 0.004));
  const division = Math.max(org, Math.round(groups * 0.032));
  const department = Math.max(division, Math.round(groups * 0.192));
  const team = groups - org - division - department;
  return { org, division, department, team };
}

function groupEntity(
  random: Random,
  name: string,
  type: string,
  title: string,
  parent: string | undefined,
  children: string[],
): Entity {
  const spec: JsonObject = { type, children };
  if (parent) {
    spec.parent = parent;
  }
  if (random.chance(0.8)) {
    spec.profile = {
      displayName: title,
      ...(random.chance(0.6) ? { email: `${name}@acme.example` } : {}),
    };
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      ...(random.chance(0.5) ? { title } : {}),
      ...(random.chance(0.4) ? { description: `${title} of ACME Corp.` } : {}),
      annotations: {
        'backstage.io/managed-by-location': BENCH_LOCATION,
        'backstage.io/managed-by-origin-location': BENCH_LOCATION,
      },
    },
    spec,
  };
}

export function generateSyntheticCatalog(
  shape: CatalogShape,
): SyntheticCatalog {
  const random = createRandom(shape.seed);
  const levels = hierarchyLevels(shape.groups);

  // Groups: names per level, each child attached to a parent of the level
  // above; every parent gets at least one child, the rest are spread at random
  // so that sizes vary as they do in real organisations.
  const levelDefs = [
    { type: 'org', prefix: 'org', count: levels.org, width: 2 },
    { type: 'division', prefix: 'division', count: levels.division, width: 3 },
    {
      type: 'department',
      prefix: 'department',
      count: levels.department,
      width: 4,
    },
    { type: 'team', prefix: 'team', count: levels.team, width: 5 },
  ];
  const names = levelDefs.map(def =>
    Array.from(
      { length: def.count },
      (_, i) => `${def.prefix}-${pad(i + 1, def.width)}`,
    ),
  );
  const parents = levelDefs.map(() => [] as Array<number | undefined>);
  const children = levelDefs.map(def =>
    Array.from({ length: def.count }, () => [] as string[]),
  );
  for (let level = 1; level < levelDefs.length; level++) {
    const above = levelDefs[level - 1].count;
    for (let i = 0; i < levelDefs[level].count; i++) {
      const parent = i < above ? i : random.int(above);
      parents[level][i] = parent;
      children[level - 1][parent].push(names[level][i]);
    }
  }
  const groups: Entity[] = [];
  for (let level = 0; level < levelDefs.length; level++) {
    const def = levelDefs[level];
    for (let i = 0; i < def.count; i++) {
      const parentIndex = parents[level][i];
      const word = random.pick(WORDS);
      const title = `${capitalize(word)} ${capitalize(def.type)} ${i + 1}`;
      groups.push(
        groupEntity(
          random,
          names[level][i],
          def.type,
          title,
          parentIndex === undefined ? undefined : names[level - 1][parentIndex],
          children[level][i],
        ),
      );
    }
  }
  const teams = names[3];
  const departments = names[2];

  // Users: members of one leaf team, some of two.
  const users: Entity[] = [];
  const userNames: string[] = [];
  for (let i = 0; i < shape.users; i++) {
    const name = `user-${pad(i + 1, 5)}`;
    userNames.push(name);
    const memberOf = [random.pick(teams)];
    if (random.chance(0.1)) {
      const second = random.pick(teams);
      if (second !== memberOf[0]) {
        memberOf.push(second);
      }
    }
    users.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name,
        annotations: {
          'backstage.io/managed-by-location': BENCH_LOCATION,
          'backstage.io/managed-by-origin-location': BENCH_LOCATION,
        },
      },
      spec: {
        profile: {
          displayName: `${random.pick(WORDS)} ${random.pick(WORDS)}`,
          email: `${name}@acme.example`,
        },
        memberOf,
      },
    });
  }

  // Components.
  const ghostGroups = Array.from(
    { length: Math.max(1, Math.round(shape.groups * 0.025)) },
    (_, i) => `ghost-team-${pad(i + 1, 3)}`,
  );
  const groupRef = (name: string) =>
    random.weighted<string>([
      [`group:default/${name}`, 70],
      [name, 20],
      [`group:${name}`, 10],
    ]);
  const components: Entity[] = [];
  for (let i = 0; i < shape.components; i++) {
    const domain = random.pick(DOMAINS);
    const role = random.pick(ROLES);
    const name = `${domain}-${role}-${pad(i + 1, 6)}`;

    let owner: string;
    const r = random.next();
    if (r < 0.03 && userNames.length > 0) {
      owner = `user:default/${random.pick(userNames)}`;
    } else if (r < 0.05) {
      owner = groupRef(random.pick(ghostGroups));
    } else if (r < 0.15) {
      owner = groupRef(random.pick(departments));
    } else {
      // Skewed: some teams own many components, most own a few dozen.
      owner = groupRef(teams[Math.floor(teams.length * random.next() ** 1.4)]);
    }
    const type = random.weighted<string>([
      ['service', 45],
      ['website', 15],
      ['library', 30],
      ['other', 10],
    ]);
    const lifecycle = random.weighted<string>([
      ['production', 65],
      ['experimental', 25],
      ['deprecated', 10],
    ]);

    const repo = `https://git.acme.example/${domain}/${name}`;
    const annotations: Record<string, string> = {
      'backstage.io/managed-by-location': BENCH_LOCATION,
      'backstage.io/managed-by-origin-location': BENCH_LOCATION,
    };
    if (random.chance(0.85)) {
      annotations['backstage.io/source-location'] = `url:${repo}/tree/main/`;
    }
    if (random.chance(0.5)) {
      annotations['backstage.io/techdocs-ref'] = 'dir:.';
    }
    if (random.chance(0.7)) {
      annotations['ospo-kit.io/license'] = random.weighted(LICENSES);
    }
    if (random.chance(0.4)) {
      annotations[
        'ospo-kit.io/sbom'
      ] = `https://sbom.acme.example/${name}.spdx.json`;
    }
    if (random.chance(0.05)) {
      annotations[
        'ospo-kit.io/published-at'
      ] = `https://code.public.example/acme/${name}`;
    }
    if (random.chance(0.03)) {
      annotations[
        'ospo-kit.io/fork-of'
      ] = `https://code.public.example/${random.pick(WORDS)}/${role}`;
    }
    if (random.chance(0.6)) {
      annotations['acme.example/cost-center'] = `cc-${pad(random.int(400), 3)}`;
    }

    const tagCount = random.int(4);
    const tags = Array.from(
      new Set(Array.from({ length: tagCount }, () => random.pick(ROLES))),
    );
    components.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        ...(random.chance(0.7)
          ? {
              description: `The ${role} of ${domain}, part of the ${random.pick(
                WORDS,
              )} initiative.`,
            }
          : {}),
        ...(tags.length ? { tags } : {}),
        annotations,
        ...(random.chance(0.3)
          ? { links: [{ url: `${repo}/wiki`, title: 'Wiki' }] }
          : {}),
      },
      spec: { type, lifecycle, owner },
    });
  }

  const hash = createHash('sha256');
  hash.update(JSON.stringify({ GENERATOR_VERSION, shape }));
  for (const entity of [...groups, ...users, ...components]) {
    hash.update(JSON.stringify(entity));
  }

  return {
    groups,
    users,
    components,
    counts: {
      Group: groups.length,
      User: users.length,
      Component: components.length,
    },
    levels,
    fingerprint: hash.digest('hex'),
  };
}
