/*
 * A deterministic synthetic organisation for the dashboard benchmark: Groups
 * in a four-level hierarchy (one org, divisions, departments, leaf teams),
 * Users in the teams, and Components owned mostly by teams, with the
 * annotations the built-in metrics read. The same shape and seed always give
 * the same entities.
 */

import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { DashboardShape } from './benchOptions';
import { createRandom } from '../createRandom';

export type Random = ReturnType<typeof createRandom>;

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
  'pioneer',
  'quartz',
  'raven',
  'summit',
  'tundra',
  'umber',
  'vertex',
  'willow',
  'zephyr',
];

const ALLOWED_LICENSES = ['Apache-2.0', 'MIT', 'BSD-3-Clause', 'ISC'];
const REVIEW_LICENSES = ['MPL-2.0', 'LGPL-3.0-only', 'EPL-2.0'];
export const DENIED_LICENSES = ['GPL-3.0-only', 'AGPL-3.0-only', 'SSPL-1.0'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const capitalize = (word: string) => `${word[0].toUpperCase()}${word.slice(1)}`;

/** A generated Group with what the seeding needs to know about it. */
export interface BenchGroup {
  ref: string;
  name: string;
  title: string;
  level: 'org' | 'division' | 'department' | 'team';
  parentRef?: string;
  childRefs: string[];
}

/** A generated Component with the facts the seeded metrics are made of. */
export interface BenchComponent {
  ref: string;
  /** The owner its `spec.owner` names. */
  ownerRef: string;
  /** Owning team or department, when the owner is an existing Group. */
  teamRef?: string;
  /** Why ownership does not count, when it does not. */
  ownerProblem?: string;
  type: string;
  lifecycle: string;
  /** The license annotation, when there is one. */
  license?: string;
  licenseClass?: 'allowed' | 'review' | 'denied';
  source: boolean;
  docs: boolean;
  sbom: boolean;
  publishedAt?: string;
  forkOf?: string;
}

export interface BenchOrganisation {
  groups: BenchGroup[];
  teams: BenchGroup[];
  /** Groups of the department level (the parents of the teams). */
  departments: BenchGroup[];
  userRefs: string[];
  /** Team members, by team ref (every team has at least one). */
  membersByTeam: Map<string, string[]>;
  components: BenchComponent[];
  /** The catalog entities, Groups and Users first. */
  entities: { orgFile: Entity[]; componentFile: Entity[] };
}

/** Divisions and departments for a number of teams: 8 and 64 for 2,000. */
export function hierarchyLevels(teams: number) {
  const departments = Math.max(1, Math.round(teams / 31.25));
  const divisions = Math.max(1, Math.round(departments / 8));
  return { divisions, departments, teams };
}

export function generateOrganisation(shape: DashboardShape): BenchOrganisation {
  const random = createRandom(shape.seed);
  const levels = hierarchyLevels(shape.teams);
  const groups: BenchGroup[] = [];
  const groupEntities: Entity[] = [];
  const word = () => capitalize(random.pick(WORDS));

  const addGroup = (
    group: Omit<BenchGroup, 'ref' | 'childRefs'>,
  ): BenchGroup => {
    const created: BenchGroup = {
      ...group,
      ref: `group:default/${group.name}`,
      childRefs: [],
    };
    groups.push(created);
    if (group.parentRef) {
      groups.find(g => g.ref === group.parentRef)!.childRefs.push(created.ref);
    }
    return created;
  };

  const org = addGroup({
    name: 'bench-org',
    title: 'Bench Corp',
    level: 'org',
  });
  const divisions: BenchGroup[] = [];
  for (let d = 1; d <= levels.divisions; d++) {
    divisions.push(
      addGroup({
        name: `bench-div-${pad(d, 2)}`,
        title: `${word()} Division ${d}`,
        level: 'division',
        parentRef: org.ref,
      }),
    );
  }
  const departments: BenchGroup[] = [];
  for (let d = 1; d <= levels.departments; d++) {
    departments.push(
      addGroup({
        name: `bench-dept-${pad(d, 3)}`,
        title: `${word()} ${word()} Department ${d}`,
        level: 'department',
        parentRef: divisions[(d - 1) % divisions.length].ref,
      }),
    );
  }
  const teams: BenchGroup[] = [];
  for (let t = 1; t <= levels.teams; t++) {
    teams.push(
      addGroup({
        name: `bench-team-${pad(t, 4)}`,
        title: `${word()} ${word()} ${pad(t, 4)}`,
        // Uneven department sizes, as in a real organisation.
        parentRef:
          departments[
            t <= departments.length
              ? t - 1
              : Math.floor(random.next() ** 1.3 * departments.length)
          ].ref,
        level: 'team',
      }),
    );
  }
  for (const group of groups) {
    const spec: JsonObject = {
      type:
        group.level === 'org'
          ? 'organization'
          : group.level === 'team'
          ? 'team'
          : group.level,
      profile: { displayName: group.title },
      children: group.childRefs.map(ref => ref.split('/')[1]),
    };
    if (group.parentRef) spec.parent = group.parentRef.split('/')[1];
    groupEntities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: group.name },
      spec,
    });
  }

  // Users: one in every team first, the rest anywhere.
  const userEntities: Entity[] = [];
  const userRefs: string[] = [];
  const membersByTeam = new Map<string, string[]>();
  for (let u = 1; u <= shape.users; u++) {
    const name = `bench-user-${pad(u, 5)}`;
    const ref = `user:default/${name}`;
    const team =
      u <= teams.length ? teams[u - 1] : teams[random.int(teams.length)];
    userRefs.push(ref);
    membersByTeam.set(team.ref, [...(membersByTeam.get(team.ref) ?? []), ref]);
    userEntities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name },
      spec: {
        profile: { displayName: `${word()} ${word()}` },
        memberOf: [team.name],
      },
    });
  }
  // Teams without a member of their own answer through the OSPO.
  for (const team of teams) {
    if (!membersByTeam.has(team.ref)) {
      membersByTeam.set(team.ref, ['user:default/olivia']);
    }
  }

  const components: BenchComponent[] = [];
  const componentEntities: Entity[] = [];
  for (let c = 1; c <= shape.components; c++) {
    const name = `bench-svc-${pad(c, 5)}`;
    const ownerKind = random.weighted([
      ['team', 90],
      ['department', 5],
      ['user', 2],
      ['missing', 3],
    ] as const);
    let owner: string;
    let teamRef: string | undefined;
    let ownerProblem: string | undefined;
    if (ownerKind === 'team') {
      // Skewed: some teams own many components.
      const team = teams[Math.floor(random.next() ** 1.5 * teams.length)];
      owner = team.ref;
      teamRef = team.ref;
    } else if (ownerKind === 'department') {
      const department = random.pick(departments);
      owner = department.ref;
      teamRef = department.ref;
    } else if (ownerKind === 'user') {
      owner = random.pick(userRefs);
      ownerProblem = `Owner ${owner} is not a Group`;
    } else {
      owner = `group:default/bench-gone-${pad(random.int(200), 3)}`;
      ownerProblem = `Owner ${owner} is not in the catalog`;
    }
    const component: BenchComponent = {
      ref: `component:default/${name}`,
      ownerRef: owner,
      teamRef,
      ownerProblem,
      type: random.weighted([
        ['service', 50],
        ['website', 15],
        ['library', 30],
        ['other', 5],
      ] as const),
      lifecycle: random.weighted([
        ['production', 70],
        ['experimental', 20],
        ['deprecated', 10],
      ] as const),
      source: random.chance(0.85),
      docs: random.chance(0.5),
      sbom: random.chance(0.4),
    };
    if (random.chance(0.7)) {
      const cls = random.weighted([
        ['allowed', 85],
        ['review', 10],
        ['denied', 5],
      ] as const);
      component.licenseClass = cls;
      component.license = random.pick(
        cls === 'allowed'
          ? ALLOWED_LICENSES
          : cls === 'review'
          ? REVIEW_LICENSES
          : DENIED_LICENSES,
      );
    }
    if (random.chance(0.05)) {
      component.publishedAt = `https://code.example.com/acme/${name}`;
    }
    if (random.chance(0.03)) {
      component.forkOf = `https://code.example.com/upstream/${name}`;
    }
    components.push(component);

    const annotations: Record<string, string> = {};
    if (component.source) {
      annotations[
        'backstage.io/source-location'
      ] = `url:https://code.example.com/acme/${name}`;
    }
    if (component.docs) annotations['backstage.io/techdocs-ref'] = 'dir:.';
    if (component.license)
      annotations['ospo-kit.io/license'] = component.license;
    if (component.sbom) {
      annotations[
        'ospo-kit.io/sbom'
      ] = `https://code.example.com/acme/${name}/sbom.json`;
    }
    if (component.publishedAt)
      annotations['ospo-kit.io/published-at'] = component.publishedAt;
    if (component.forkOf) annotations['ospo-kit.io/fork-of'] = component.forkOf;
    componentEntities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, annotations },
      spec: {
        type: component.type,
        lifecycle: component.lifecycle,
        owner,
      },
    });
  }

  return {
    groups,
    teams,
    departments,
    userRefs,
    membersByTeam,
    components,
    entities: {
      orgFile: [...groupEntities, ...userEntities],
      componentFile: componentEntities,
    },
  };
}
