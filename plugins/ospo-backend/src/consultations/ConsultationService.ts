import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  BulkConsultationRequest,
  BulkConsultationResult,
  CONSULTATION_ACTIONS,
  Consultation,
  ConsultationAction,
  ConsultationEvent,
  ConsultationPage,
  ConsultationQuery,
  ConsultationRating,
  ConsultationUrgency,
  ConsultationWithEvents,
  OfficeStaff,
  OspoOffice,
  ospoConsultationCreatePermission,
  ospoConsultationManagePermission,
  ospoConsultationReadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { Request } from 'express';
import { audited } from '../access/audited';
import { OspoAccess } from '../access/OspoAccess';
import { TeamDirectory } from '../access/TeamDirectory';
import { MetricsStore } from '../metrics/MetricsStore';
import { teamsBelow } from '../metrics/teamsBelow';
import { addWeekdayTime } from './addWeekdayTime';
import { ConsultationNotifier } from './ConsultationNotifier';
import { OfficeStaffDirectory } from './OfficeStaffDirectory';
import {
  ConsultationFilter,
  ConsultationStore,
  StoredConsultation,
  StoredConsultationWithEvents,
} from './ConsultationStore';

/**
 * Who asks, and the HTTP request their change is audited with; an action
 * invoked through the actions registry has no request, and is audited with
 * the caller's credentials.
 */
export interface ConsultationCaller {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  request?: Request<any, any, any, any, any>;
}

/** Page bounds of the consultation list. */
const DEFAULT_LIST_LIMIT = 50;
/** The shortest word the search looks for; shorter ones are left out. */
const MIN_SEARCH_WORD_LENGTH = 2;
const HOUR_MS = 60 * 60 * 1000;
/** Where a request is answered, and so may be rated. */
const RATEABLE = ['resolved', 'declined'];

/**
 * The rules of consultation requests: who may file, read, move, assign and
 * comment on and rate them (the state machine of `CONSULTATION_ACTIONS`),
 * when the OSPO's first response is due, what is audited, and who is
 * notified.
 *
 * @internal
 */
export class ConsultationService {
  private constructor(
    private readonly store: ConsultationStore,
    private readonly office: OspoOffice,
    private readonly teams: TeamDirectory,
    private readonly access: OspoAccess,
    private readonly auditor: AuditorService,
    private readonly notifier: ConsultationNotifier,
    private readonly staff: OfficeStaffDirectory,
    private readonly metricsStore: Pick<
      MetricsStore,
      'getLatestSuccessfulRun' | 'getScopes'
    >,
    private readonly clock: () => Date,
  ) {}

  static create(options: {
    store: ConsultationStore;
    office: OspoOffice;
    teams: TeamDirectory;
    access: OspoAccess;
    auditor: AuditorService;
    notifier: ConsultationNotifier;
    /** The OSPO's staff, the only valid assignees. */
    staff: OfficeStaffDirectory;
    /** For the Group hierarchy of the last metrics run (`ownerRef`). */
    metricsStore: Pick<MetricsStore, 'getLatestSuccessfulRun' | 'getScopes'>;
    /** The time `overdue` is judged at; the system clock by default. */
    clock?: () => Date;
  }): ConsultationService {
    return new ConsultationService(
      options.store,
      options.office,
      options.teams,
      options.access,
      options.auditor,
      options.notifier,
      options.staff,
      options.metricsStore,
      options.clock ?? (() => new Date()),
    );
  }

  getOffice(): OspoOffice {
    return this.office;
  }

  /** Files a request about an entity the caller can see. */
  async create(
    entity: { kind: string; namespace: string; name: string },
    input: {
      topic: string;
      summary: string;
      details?: string;
      urgency?: ConsultationUrgency;
    },
    caller: ConsultationCaller,
  ): Promise<Consultation> {
    // Topics come from config, so the schema cannot list them.
    if (!this.office.topics.some(t => t.id === input.topic)) {
      throw new InputError(
        `Invalid request: topic must be one of ${this.office.topics
          .map(t => t.id)
          .join(', ')}`,
      );
    }
    const summary = input.summary.trim();
    if (!summary) {
      throw new InputError('Invalid request: summary is required');
    }
    const ref = stringifyEntityRef(entity);
    const found = await this.teams.getEntity(ref, caller.credentials);
    if (!found) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    const entityRef = stringifyEntityRef(found);
    const consultation = await audited(
      this.auditor,
      {
        eventId: 'consultation-create',
        request: caller.request,
        credentials: caller.credentials,
        meta: { entityRef, topic: input.topic },
      },
      async () => {
        await this.access.authorize(
          ospoConsultationCreatePermission,
          caller.credentials,
          'You may not file consultation requests',
        );
        return this.store.create({
          entityRef,
          requesterRef: caller.credentials.principal.userEntityRef,
          topic: input.topic,
          summary,
          details: input.details?.trim() || undefined,
          urgency: input.urgency ?? 'normal',
        });
      },
    );
    await this.notifier.requestFiled(consultation);
    return this.withDueDate(consultation);
  }

  /**
   * A page of the requests the caller may see: those about entities they
   * cannot see are left out before paging, so that neither the page nor
   * `totalCount` tells of them. A denied read is an empty list.
   *
   * `q` is searched for in the database, word by word; `ownerRef` keeps the
   * requests about entities owned by the Group or a Group below it (as the
   * last metrics run saw the hierarchy); `mine` keeps those assigned to the
   * caller when they are OSPO staff, else those they filed.
   */
  async list(
    query: ConsultationQuery,
    credentials: BackstageCredentials,
  ): Promise<ConsultationPage> {
    const {
      orderBy = 'createdAt',
      order = 'desc',
      limit = DEFAULT_LIST_LIMIT,
      offset = 0,
      q,
      ownerRef,
      mine,
      ...rest
    } = query;
    const filter: ConsultationFilter = {
      ...rest,
      entityRef: normalizeRef(rest.entityRef),
      requesterRef: normalizeRef(rest.requesterRef),
      assigneeRef:
        rest.assigneeRef === 'none' ? 'none' : normalizeRef(rest.assigneeRef),
      words: q === undefined ? undefined : searchWords(q),
    };
    for (const key of Object.keys(filter) as Array<keyof typeof filter>) {
      if (filter[key] === undefined) delete filter[key];
    }
    const owner = normalizeRef(ownerRef);
    if (owner && parseEntityRef(owner).kind !== 'group') {
      throw new InputError(
        `Invalid query: ownerRef must be a Group, not ${owner}`,
      );
    }
    const me = mine ? userRefOf(credentials) : undefined;
    if (mine && !me) {
      throw new InputError(
        "Invalid query: mine needs a user's credentials, not a service's",
      );
    }

    const empty: ConsultationPage = { items: [], totalCount: 0, limit, offset };
    if (
      !(await this.access.isAllowed(
        ospoConsultationReadPermission,
        credentials,
      ))
    ) {
      return empty;
    }
    if (me) {
      // Combined with the other filters: a different assignee (or
      // requester) as well matches nothing.
      const key = (await this.isStaff(credentials))
        ? 'assigneeRef'
        : 'requesterRef';
      if (filter[key] !== undefined && filter[key] !== me) return empty;
      filter[key] = me;
    }
    if (owner && !(await this.teams.teamExists(owner, credentials))) {
      throw new InputError(
        `Invalid query: ownerRef ${owner} is not a Group in the catalog`,
      );
    }

    const refs = await this.store.listEntityRefs(filter);
    let scope:
      | { includeEntityRefs: string[] }
      | { excludeEntityRefs: string[] };
    if (owner) {
      const [owners, below] = await Promise.all([
        this.teams.visibleOwners(refs, credentials),
        teamsBelow(this.metricsStore, owner),
      ]);
      const teams = new Set(below);
      const owned = [...owners]
        .filter(([, ownerRefs]) => ownerRefs.some(ref => teams.has(ref)))
        .map(([ref]) => ref);
      if (owned.length === 0) return empty;
      scope = { includeEntityRefs: owned };
    } else {
      const visible = new Set(
        await this.teams.visibleEntityRefs(refs, credentials),
      );
      scope = { excludeEntityRefs: refs.filter(ref => !visible.has(ref)) };
    }
    const page = await this.store.list({
      ...filter,
      ...scope,
      orderBy,
      order,
      limit,
      offset,
    });
    const now = this.clock();
    return {
      items: page.items.map(item => this.withDueDate(item, now)),
      totalCount: page.totalCount,
      limit,
      offset,
    };
  }

  /** The OSPO's staff, to whom requests can be assigned. */
  async listStaff(credentials: BackstageCredentials): Promise<OfficeStaff> {
    await this.access.authorize(
      ospoConsultationReadPermission,
      credentials,
      'You may not read consultation requests',
    );
    return this.staff.list(credentials);
  }

  /**
   * A request, when the caller may read requests and see its entity: a
   * request is only as visible as its entity; otherwise it does not exist.
   */
  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ConsultationWithEvents> {
    const { events, ...consultation } = await this.getStored(id, credentials);
    return { ...this.withDueDate(consultation), events };
  }

  private async getStored(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<StoredConsultationWithEvents> {
    const consultation = (await this.access.isAllowed(
      ospoConsultationReadPermission,
      credentials,
    ))
      ? await this.store.get(id)
      : undefined;
    if (
      !consultation ||
      !(await this.teams.getEntity(consultation.entityRef, credentials))
    ) {
      throw new NotFoundError(`No consultation request ${id}`);
    }
    return consultation;
  }

  /** Moves a request along the state machine, as staff or its requester. */
  async transition(
    id: string,
    input: { action: ConsultationAction; note?: string },
    caller: ConsultationCaller,
  ): Promise<Consultation> {
    const note = input.note?.trim() || undefined;
    // A rule the schema cannot express: closing a request needs a note.
    if ((input.action === 'resolve' || input.action === 'decline') && !note) {
      throw new InputError(
        `Invalid transition: note is required to ${input.action} a request`,
      );
    }
    const current = await this.getStored(id, caller.credentials);
    const action = CONSULTATION_ACTIONS[input.action];
    const actorRef = caller.credentials.principal.userEntityRef;
    const isStaff = await this.isStaff(caller.credentials);
    const updated = await audited(
      this.auditor,
      {
        eventId: 'consultation-transition',
        request: caller.request,
        credentials: caller.credentials,
        meta: { id, action: input.action, fromStatus: current.status },
      },
      async () => {
        if (action.by === 'staff' && !isStaff) {
          throw new NotAllowedError(
            `Only OSPO staff may ${input.action} a request`,
          );
        }
        if (action.by === 'requester' && current.requesterRef !== actorRef) {
          throw new NotAllowedError(
            'Only the requester may withdraw a request',
          );
        }
        return this.store.transition({
          id,
          from: action.from,
          to: action.to,
          actorRef,
          note,
          setsResolution: action.setsResolution,
          // Withdrawing is the requester's act, even when they are OSPO
          // staff: it is no response of the OSPO.
          byStaff: isStaff && action.by === 'staff',
        });
      },
    );
    await this.notifier.statusChanged(updated, actorRef);
    return this.withDueDate(updated);
  }

  /**
   * Assigns a request to a member of the OSPO's Group, or unassigns it;
   * OSPO staff only.
   */
  async assign(
    id: string,
    assigneeRef: string | undefined,
    caller: ConsultationCaller,
  ): Promise<Consultation> {
    return this.assignAs(id, normalizeRef(assigneeRef), caller, {
      checkAssignee: true,
    });
  }

  /**
   * Applies one change to several requests, each as the single route would
   * (its own checks, audit event and notification), and tells what happened
   * to each. The body is checked first: nothing changes when it is wrong.
   */
  async bulk(
    input: BulkConsultationRequest,
    caller: ConsultationCaller,
  ): Promise<BulkConsultationResult> {
    const assigning = input.assigneeRef !== undefined;
    const assignee = normalizeRef(input.assigneeRef ?? undefined);
    const note = input.note?.trim() || undefined;
    return audited(
      this.auditor,
      {
        eventId: 'consultation-bulk',
        request: caller.request,
        credentials: caller.credentials,
        meta: {
          count: input.ids.length,
          action: input.action,
          assigneeRef: assignee,
        },
      },
      async () => {
        await this.access.authorize(
          ospoConsultationManagePermission,
          caller.credentials,
          'Only OSPO staff may change requests in bulk',
        );
        if (assigning === (input.action !== undefined)) {
          throw new InputError(
            'Invalid bulk change: give exactly one of assigneeRef and action',
          );
        }
        if (
          (input.action === 'resolve' || input.action === 'decline') &&
          !note
        ) {
          throw new InputError(
            `Invalid bulk change: note is required to ${input.action} requests`,
          );
        }
        if (assignee) {
          await this.staff.requireMember(assignee, caller.credentials);
        }

        const items: BulkConsultationResult['items'] = [];
        for (const id of input.ids) {
          try {
            const consultation = assigning
              ? await this.assignAs(id, assignee, caller, {
                  checkAssignee: false,
                })
              : await this.transition(
                  id,
                  { action: input.action!, note },
                  caller,
                );
            items.push({ id, ok: true, consultation });
          } catch (error) {
            const status = statusOf(error);
            if (!status) throw error;
            items.push({
              id,
              ok: false,
              status,
              error: (error as Error).message,
            });
          }
        }
        return { changed: items.filter(item => item.ok).length, items };
      },
      result => ({ changed: result.changed }),
    );
  }

  private async assignAs(
    id: string,
    assignee: string | undefined,
    caller: ConsultationCaller,
    options: { checkAssignee: boolean },
  ): Promise<Consultation> {
    const current = await this.getStored(id, caller.credentials);
    const updated = await audited(
      this.auditor,
      {
        eventId: 'consultation-assign',
        request: caller.request,
        credentials: caller.credentials,
        meta: { id: current.id, assigneeRef: assignee },
      },
      async () => {
        await this.access.authorize(
          ospoConsultationManagePermission,
          caller.credentials,
          'Only OSPO staff may assign requests',
        );
        if (assignee && options.checkAssignee) {
          await this.staff.requireMember(assignee, caller.credentials);
        }
        return this.store.assign({
          id: current.id,
          assigneeRef: assignee,
          actorRef: caller.credentials.principal.userEntityRef,
        });
      },
    );
    return this.withDueDate(updated);
  }

  /** Adds a comment by the requester or OSPO staff. */
  async comment(
    id: string,
    text: string,
    caller: ConsultationCaller,
  ): Promise<ConsultationEvent> {
    const body = text.trim();
    if (!body) {
      throw new InputError('Invalid comment: body is required');
    }
    const current = await this.getStored(id, caller.credentials);
    const actorRef = caller.credentials.principal.userEntityRef;
    const isStaff = await this.isStaff(caller.credentials);
    const event = await audited(
      this.auditor,
      {
        eventId: 'consultation-comment',
        request: caller.request,
        credentials: caller.credentials,
        meta: { id: current.id },
      },
      async () => {
        if (!isStaff && current.requesterRef !== actorRef) {
          throw new NotAllowedError(
            'Only the requester and OSPO staff may comment on a request',
          );
        }
        return this.store.comment({
          id: current.id,
          actorRef,
          body,
          byStaff: isStaff,
        });
      },
    );
    if (isStaff) {
      await this.notifier.staffCommented(current, actorRef, body);
    }
    return event;
  }

  /**
   * Rates the answer to a resolved or declined request, once, as its
   * requester: 403 for anyone else, 409 when it is not answered or already
   * rated.
   */
  async rate(
    id: string,
    input: { score: number; comment?: string },
    caller: ConsultationCaller,
  ): Promise<ConsultationRating> {
    // The schema checks the body too; this guards callers without it.
    if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
      throw new InputError(
        'Invalid rating: score must be a whole number from 1 to 5',
      );
    }
    const comment = input.comment?.trim() || undefined;
    const current = await this.getStored(id, caller.credentials);
    const actorRef = caller.credentials.principal.userEntityRef;
    return audited(
      this.auditor,
      {
        eventId: 'consultation-rate',
        request: caller.request,
        credentials: caller.credentials,
        meta: { id: current.id, score: input.score, status: current.status },
      },
      async () => {
        if (current.requesterRef !== actorRef) {
          throw new NotAllowedError('Only the requester may rate a request');
        }
        // Answered and not yet rated when read; the store checks again
        // atomically, as a concurrent change may come in between.
        if (!RATEABLE.includes(current.status)) {
          throw new ConflictError(
            `The request is ${current.status}; only a resolved or declined request can be rated`,
          );
        }
        if (current.rating) {
          throw new ConflictError('The request has already been rated');
        }
        return this.store.rate({
          id: current.id,
          actorRef,
          score: input.score,
          comment,
        });
      },
    );
  }

  /**
   * A stored request with its first-response due date, from the office's
   * current target, and whether an active request without a response is
   * past it.
   */
  private withDueDate(
    consultation: StoredConsultation,
    now: Date = this.clock(),
  ): Consultation {
    const due = addWeekdayTime(
      new Date(consultation.createdAt),
      this.office.responseTargetHours * HOUR_MS,
    );
    const active =
      consultation.status === 'open' || consultation.status === 'in-progress';
    return {
      ...consultation,
      firstResponseDueAt: due.toISOString(),
      overdue:
        active &&
        !consultation.firstResponseAt &&
        now.getTime() > due.getTime(),
    };
  }

  private isStaff(credentials: BackstageCredentials): Promise<boolean> {
    return this.access.isAllowed(ospoConsultationManagePermission, credentials);
  }
}

/**
 * The words of a search, each at least two characters long, each once; a
 * search without any is a 400.
 */
function searchWords(q: string): string[] {
  const words = [
    ...new Set(
      q.split(/\s+/).filter(word => [...word].length >= MIN_SEARCH_WORD_LENGTH),
    ),
  ];
  if (words.length === 0) {
    throw new InputError(
      `Invalid query: q needs a word of at least ${MIN_SEARCH_WORD_LENGTH} characters`,
    );
  }
  return words;
}

/** The HTTP status of a refused change of one request of a bulk change. */
function statusOf(error: unknown): number | undefined {
  switch ((error as Error | undefined)?.name) {
    case 'InputError':
      return 400;
    case 'NotAllowedError':
      return 403;
    case 'NotFoundError':
      return 404;
    case 'ConflictError':
      return 409;
    default:
      return undefined;
  }
}

function userRefOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' && principal.userEntityRef
    ? normalizeRef(principal.userEntityRef)
    : undefined;
}

/** Like the catalog's, refs are compared in lower case. */
function normalizeRef(ref: string | undefined): string | undefined {
  return ref === undefined
    ? undefined
    : stringifyEntityRef(parseEntityRef(ref));
}
