/*
 * A year of the organisation's OSPO life, simulated: when each component
 * appeared and got its annotations, how each team's checklist answers moved,
 * and the consultations filed. From that, the figures a daily metrics run
 * would have stored, rolled up along the Group hierarchy the way the plugin's
 * MetricsRunner rolls them up (a Group covers itself and every Group below
 * it; the org covers everything, unowned components included).
 */

import type { MetricAggregation } from '@ospo-kit/plugin-ospo-common';
import { createRandom } from '../createRandom';
import { BenchOrganisation, Random } from './generateOrganisation';

export const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The checklist every team answers: the plugin's default, five items. */
export interface BenchChecklist {
  id: string;
  itemIds: string[];
}

type ItemStatus = 'not-started' | 'in-progress' | 'done' | 'not-applicable';

/** One change of one checklist answer. */
export interface AnswerChange {
  day: number;
  status: ItemStatus;
  by: string;
  at: Date;
}

export interface TeamAnswer {
  teamRef: string;
  checklistId: string;
  itemId: string;
  /** Oldest first; the last one is the current answer. */
  changes: AnswerChange[];
  note?: string;
  evidenceUrl?: string;
}

export type ConsultationStatus =
  | 'open'
  | 'in-progress'
  | 'resolved'
  | 'declined'
  | 'withdrawn';

export interface BenchConsultation {
  id: string;
  entityRef: string;
  teamRef?: string;
  requesterRef: string;
  topic: string;
  summary: string;
  urgency: string;
  status: ConsultationStatus;
  assigneeRef?: string;
  resolution?: string;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt?: Date;
  /** When it left the queue (resolved, declined, withdrawn). */
  closedAt?: Date;
  comments: Array<{ actorRef: string; body: string; at: Date }>;
}

/** What a metric is, as far as the figures go. */
export interface MetricShape {
  id: string;
  aggregation: MetricAggregation;
}

/** A figure as stored in a snapshot row. */
export interface Figure {
  metricId: string;
  scopeRef: string;
  value?: number;
  numerator?: number;
  denominator?: number;
  breakdown?: string;
}

/** The hierarchy as the seeded runs saw it. */
export interface SeedScope {
  ref: string;
  type: 'org' | 'department' | 'team';
  title: string;
  parentRef?: string;
  childRefs?: string[];
  /** Every Group it covers (itself included); everything for the org. */
  covers: string[];
}

const TOPICS = [
  'new-dependency',
  'contribute-upstream',
  'publish',
  'license-compliance',
  'vulnerability',
  'other',
];
const OSPO_STAFF = 'user:default/olivia';

function uuid(random: Random): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => random.int(16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + random.int(4)).toString(
    16,
  )}${hex(3)}-${hex(12)}`;
}

/** The moment of day `day` (0 = the oldest run, days - 1 = today's). */
export function dayStart(now: Date, days: number, day: number): Date {
  return new Date(now.getTime() - (days - 1 - day) * DAY_MS);
}

/** Answers: a few teams never answered, the others at different paces. */
export function simulateAnswers(options: {
  org: BenchOrganisation;
  checklist: BenchChecklist;
  days: number;
  now: Date;
  seed: number;
}): TeamAnswer[] {
  const { org, checklist, days, now } = options;
  const random = createRandom(options.seed + 1);
  const answers: TeamAnswer[] = [];
  for (const team of org.teams) {
    if (random.chance(0.12)) continue;
    const maturity = random.next();
    const members = org.membersByTeam.get(team.ref)!;
    for (const itemId of checklist.itemIds) {
      if (random.chance(0.08)) continue;
      const final = random.weighted<ItemStatus>([
        ['done', 0.15 + 0.6 * maturity],
        ['in-progress', 0.3],
        ['not-started', 0.35 * (1 - maturity) + 0.05],
        ['not-applicable', 0.07],
      ]);
      const path: ItemStatus[] =
        final === 'done'
          ? random.chance(0.6)
            ? ['not-started', 'in-progress', 'done']
            : ['in-progress', 'done']
          : final === 'in-progress'
          ? random.chance(0.5)
            ? ['not-started', 'in-progress']
            : ['in-progress']
          : [final];
      // Days of the changes, in order; a third of them before the first run.
      const changeDays = path
        .map(() => random.int(Math.floor(days * 1.5)) - Math.floor(days / 2))
        .sort((a, b) => a - b);
      const changes = path.map((status, i) => {
        const at = new Date(
          dayStart(now, days, changeDays[i]).getTime() -
            random.int(20 * 60) * 60_000 -
            HOUR_MS,
        );
        return {
          day: changeDays[i],
          status,
          by: random.chance(0.1) ? OSPO_STAFF : random.pick(members),
          at,
        };
      });
      answers.push({
        teamRef: team.ref,
        checklistId: checklist.id,
        itemId,
        changes,
        note: random.chance(0.3)
          ? `Discussed in the team's ${random.pick([
              'retro',
              'planning',
              'weekly',
            ])}`
          : undefined,
        evidenceUrl:
          final === 'done' && random.chance(0.5)
            ? `https://wiki.example.com/${team.ref.split('/')[1]}/${itemId}`
            : undefined,
      });
    }
  }
  return answers;
}

export function simulateConsultations(options: {
  org: BenchOrganisation;
  count: number;
  now: Date;
  seed: number;
}): BenchConsultation[] {
  const { org, now } = options;
  const random = createRandom(options.seed + 2);
  const owned = org.components.filter(c => c.teamRef);
  const result: BenchConsultation[] = [];
  for (let i = 0; i < options.count; i++) {
    const component = random.chance(0.95)
      ? random.pick(owned)
      : random.pick(org.components);
    const ageDays = random.next() ** 1.4 * 180;
    const createdAt = new Date(now.getTime() - ageDays * DAY_MS);
    // Old requests are mostly dealt with, recent ones mostly waiting.
    const status = random.weighted<ConsultationStatus>(
      ageDays > 45
        ? [
            ['open', 3],
            ['in-progress', 7],
            ['resolved', 70],
            ['declined', 12],
            ['withdrawn', 8],
          ]
        : [
            ['open', 35],
            ['in-progress', 30],
            ['resolved', 25],
            ['declined', 5],
            ['withdrawn', 5],
          ],
    );
    const ageMs = now.getTime() - createdAt.getTime();
    const firstResponseAt =
      status === 'open' || (status === 'withdrawn' && random.chance(0.5))
        ? undefined
        : new Date(
            createdAt.getTime() +
              Math.min(
                ageMs * 0.5,
                (-Math.log(1 - random.next()) * 30 + 1) * HOUR_MS,
              ),
          );
    const closed =
      status === 'resolved' || status === 'declined' || status === 'withdrawn';
    const closedAt = closed
      ? new Date(
          (firstResponseAt ?? createdAt).getTime() +
            random.next() *
              (now.getTime() - (firstResponseAt ?? createdAt).getTime()),
        )
      : undefined;
    const comments: BenchConsultation['comments'] = [];
    const commentCount = random.int(firstResponseAt ? 6 : 2);
    const requesterRef = random.pick(
      (component.teamRef && org.membersByTeam.get(component.teamRef)) ||
        org.userRefs,
    );
    const last = (closedAt ?? now).getTime();
    for (let c = 0; c < commentCount; c++) {
      const at = new Date(
        createdAt.getTime() +
          ((c + 1) / (commentCount + 1)) * (last - createdAt.getTime()),
      );
      comments.push({
        actorRef:
          firstResponseAt && at >= firstResponseAt && c % 2 === 0
            ? OSPO_STAFF
            : requesterRef,
        body: `Comment ${c + 1} on the request`,
        at,
      });
    }
    result.push({
      id: uuid(random),
      entityRef: component.ref,
      teamRef: component.teamRef,
      requesterRef,
      topic: random.pick(TOPICS),
      summary: `${random.pick([
        'May we use',
        'Publishing',
        'License question about',
        'Upstream patch for',
        'CVE in',
      ])} ${component.ref.split('/')[1]}`,
      urgency: random.weighted([
        ['low', 20],
        ['normal', 60],
        ['high', 15],
        ['critical', 5],
      ] as const),
      status,
      assigneeRef:
        status === 'in-progress' || status === 'resolved'
          ? OSPO_STAFF
          : undefined,
      resolution:
        status === 'resolved'
          ? 'Approved with conditions'
          : status === 'declined'
          ? 'Out of the OSPO’s remit'
          : undefined,
      createdAt,
      updatedAt: new Date(
        Math.max(
          closedAt?.getTime() ?? 0,
          firstResponseAt?.getTime() ?? 0,
          comments.at(-1)?.at.getTime() ?? 0,
          createdAt.getTime(),
        ),
      ),
      firstResponseAt,
      closedAt,
      comments,
    });
  }
  return result;
}

/** Breakdown keys of a metric, in a fixed order, by dimension. */
type BreakdownKeys = Array<[dimension: string, keys: string[]]>;

interface MetricModel {
  shape: MetricShape;
  breakdown?: BreakdownKeys;
}

/**
 * The figures of every scope for one day at a time. Each metric's own
 * observations per Group are recomputed for the day from the simulated facts,
 * then summed over the Groups each scope covers.
 */
export class FigureSimulator {
  private readonly slotOf: Map<string, number>;
  /** Observations of entities without a team: they count for the org only. */
  private readonly noTeamSlot: number;
  private readonly models: MetricModel[];
  private readonly componentFacts: Array<{
    slot: number;
    created: number;
    source: number;
    docs: number;
    sbom: number;
    license: number;
    published: number;
    fork: number;
    type: string;
    lifecycle: string;
    licenseId?: string;
    licenseClass?: string;
  }>;
  private readonly answersBySlot: Map<number, TeamAnswer[]>;
  private readonly coverSlots: number[][];
  private readonly checklistItems: number;
  private readonly leafRefs: string[];

  constructor(
    private readonly options: {
      org: BenchOrganisation;
      scopes: SeedScope[];
      metrics: MetricShape[];
      answers: TeamAnswer[];
      consultations: BenchConsultation[];
      checklistItems: number;
      days: number;
      now: Date;
      seed: number;
    },
  ) {
    const { org, scopes, days } = options;
    const random = createRandom(options.seed + 3);
    const groupRefs = scopes.filter(s => s.type !== 'org').map(s => s.ref);
    this.slotOf = new Map(groupRefs.map((ref, i) => [ref, i]));
    this.noTeamSlot = groupRefs.length;
    this.checklistItems = options.checklistItems;
    this.leafRefs = scopes.filter(s => s.type === 'team').map(s => s.ref);
    this.coverSlots = scopes.map(scope =>
      scope.type === 'org'
        ? [...groupRefs.map((_, i) => i), this.noTeamSlot]
        : scope.covers.map(ref => this.slotOf.get(ref)!),
    );

    const licenseIds = [
      ...new Set(org.components.flatMap(c => (c.license ? [c.license] : []))),
    ].sort();
    this.models = options.metrics.map(shape => {
      if (shape.id === 'inventory.components') {
        return {
          shape,
          breakdown: [
            ['type', ['service', 'website', 'library', 'other']],
            ['lifecycle', ['production', 'experimental', 'deprecated']],
          ],
        };
      }
      if (shape.id === 'license.denied') {
        return {
          shape,
          breakdown: [
            ['policy', ['allowed', 'review', 'denied', 'undeclared']],
            ['license', [...licenseIds, 'undeclared']],
          ],
        };
      }
      return { shape };
    });

    // When each component appeared and got each of its annotations.
    const appearing = (created: number, present: boolean) => {
      if (!present) return Infinity;
      return random.chance(0.5)
        ? created
        : created + random.int(Math.max(1, days - created));
    };
    this.componentFacts = org.components.map(c => {
      const created = random.chance(0.7) ? 0 : random.int(days);
      return {
        slot: c.teamRef ? this.slotOf.get(c.teamRef)! : this.noTeamSlot,
        created,
        source: appearing(created, c.source),
        docs: appearing(created, c.docs),
        sbom: appearing(created, c.sbom),
        license: appearing(created, c.license !== undefined),
        published: appearing(created, c.publishedAt !== undefined),
        fork: appearing(created, c.forkOf !== undefined),
        type: c.type,
        lifecycle: c.lifecycle,
        licenseId: c.license,
        licenseClass: c.licenseClass,
      };
    });
    this.answersBySlot = new Map();
    for (const answer of options.answers) {
      const slot = this.slotOf.get(answer.teamRef)!;
      this.answersBySlot.set(slot, [
        ...(this.answersBySlot.get(slot) ?? []),
        answer,
      ]);
    }
  }

  /** Every figure of one day's run: metrics × scopes. */
  figuresOf(day: number): Figure[] {
    const { scopes } = this.options;
    const slots = this.noTeamSlot + 1;
    const runAt = dayStart(this.options.now, this.options.days, day).getTime();
    const own = this.models.map(model => ({
      num: new Float64Array(slots),
      den: new Float64Array(slots),
      count: new Float64Array(slots),
      samples: new Map<number, number[]>(),
      breakdown: model.breakdown
        ? new Float64Array(
            slots * model.breakdown.reduce((n, [, keys]) => n + keys.length, 0),
          )
        : undefined,
    }));
    const index = new Map(this.models.map((m, i) => [m.shape.id, i]));
    const at = (id: string) => {
      const i = index.get(id);
      return i === undefined ? undefined : own[i];
    };

    // Catalog metrics, from the components that existed that day.
    const ratio = (id: string, slot: number, yes: boolean) => {
      const o = at(id);
      if (!o) return;
      o.den[slot] += 1;
      if (yes) o.num[slot] += 1;
    };
    const counted = (id: string, slot: number, yes: boolean) => {
      const o = at(id);
      if (o && yes) o.count[slot] += 1;
    };
    const addBreakdown = (id: string, slot: number, keys: string[]) => {
      const i = index.get(id);
      if (i === undefined) return;
      const model = this.models[i];
      const width = model.breakdown!.reduce((n, [, k]) => n + k.length, 0);
      let offset = 0;
      model.breakdown!.forEach(([, names], d) => {
        const k = names.indexOf(keys[d]);
        if (k >= 0) own[i].breakdown![slot * width + offset + k] += 1;
        offset += names.length;
      });
    };
    for (const c of this.componentFacts) {
      if (c.created > day) continue;
      const slot = c.slot;
      counted('inventory.components', slot, true);
      addBreakdown('inventory.components', slot, [c.type, c.lifecycle]);
      ratio('ownership.coverage', slot, slot !== this.noTeamSlot);
      ratio('source.coverage', slot, c.source <= day);
      ratio('docs.coverage', slot, c.docs <= day);
      ratio('sbom.coverage', slot, c.sbom <= day);
      const licensed = c.license <= day;
      ratio('license.declared', slot, licensed);
      counted('license.denied', slot, licensed && c.licenseClass === 'denied');
      addBreakdown(
        'license.denied',
        slot,
        licensed
          ? [c.licenseClass!, c.licenseId!]
          : ['undeclared', 'undeclared'],
      );
      counted('outbound.published', slot, c.published <= day);
      counted('inbound.forks', slot, c.fork <= day);
    }

    // Checklist metrics: every team (leaf Group) counts; unanswered items
    // are not done.
    for (const team of this.leafRefs) {
      const slot = this.slotOf.get(team)!;
      let done = 0;
      let notApplicable = 0;
      for (const answer of this.answersBySlot.get(slot) ?? []) {
        let status: ItemStatus | undefined;
        for (const change of answer.changes) {
          if (change.day <= day) status = change.status;
        }
        if (status === 'done') done += 1;
        if (status === 'not-applicable') notApplicable += 1;
      }
      const applicable = this.checklistItems - notApplicable;
      const completion = at('checklist.completion');
      if (completion) {
        completion.num[slot] += done;
        completion.den[slot] += applicable;
      }
      const complete = at('checklist.teams-complete');
      if (complete) {
        complete.num[slot] += done === applicable ? 1 : 0;
        complete.den[slot] += 1;
      }
    }

    // Consultation metrics over the 30 days before the run.
    const periodStart = runAt - 30 * DAY_MS;
    for (const c of this.options.consultations) {
      const created = c.createdAt.getTime();
      if (created > runAt) continue;
      const slot =
        c.teamRef !== undefined ? this.slotOf.get(c.teamRef)! : this.noTeamSlot;
      counted('consultations.opened', slot, created >= periodStart);
      const response = c.firstResponseAt?.getTime();
      const firstResponse = at('consultations.first-response');
      if (
        firstResponse &&
        response !== undefined &&
        response <= runAt &&
        created >= periodStart
      ) {
        const list = firstResponse.samples.get(slot) ?? [];
        list.push((response - created) / HOUR_MS);
        firstResponse.samples.set(slot, list);
      }
      counted(
        'consultations.backlog',
        slot,
        c.closedAt === undefined || c.closedAt.getTime() > runAt,
      );
    }

    // Roll up along the hierarchy, as the runner does.
    const figures: Figure[] = [];
    scopes.forEach((scope, s) => {
      const covered = this.coverSlots[s];
      this.models.forEach((model, m) => {
        const o = own[m];
        const figure: Figure = {
          metricId: model.shape.id,
          scopeRef: scope.ref,
        };
        let breakdown: Float64Array | undefined;
        let width = 0;
        if (model.breakdown) {
          width = model.breakdown.reduce((n, [, k]) => n + k.length, 0);
          breakdown = new Float64Array(width);
        }
        let num = 0;
        let den = 0;
        let count = 0;
        const samples: number[] = [];
        for (const slot of covered) {
          num += o.num[slot];
          den += o.den[slot];
          count += o.count[slot];
          const slotSamples = o.samples.get(slot);
          if (slotSamples) samples.push(...slotSamples);
          if (breakdown) {
            for (let k = 0; k < width; k++)
              breakdown[k] += o.breakdown![slot * width + k];
          }
        }
        switch (model.shape.aggregation) {
          case 'ratio':
            if (den > 0) figure.value = num / den;
            figure.numerator = num;
            figure.denominator = den;
            break;
          case 'median':
            if (samples.length > 0) figure.value = median(samples);
            figure.denominator = samples.length;
            break;
          default:
            figure.value = count;
        }
        if (breakdown && breakdown.some(n => n > 0)) {
          const json: Record<string, Record<string, number>> = {};
          let offset = 0;
          for (const [dimension, names] of model.breakdown!) {
            names.forEach((name, k) => {
              const n = breakdown![offset + k];
              if (n > 0) (json[dimension] ??= {})[name] = n;
            });
            offset += names.length;
          }
          figure.breakdown = JSON.stringify(json);
        }
        figures.push(figure);
      });
    });
    return figures;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}
