import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the OSPO plugins. */
  ospo?: {
    /**
     * The checklists teams answer. When left out, the Open Source Maturity
     * Model's "Creating an OSPO" checklist (id `ospo`) is used.
     */
    checklists?: Array<{
      /** Stable id: lower-case letters, digits, '-', '_' or '.'. Answers are stored under it. */
      id: string;
      title: string;
      description?: string;
      /** The OSMM level the checklist belongs to. */
      osmmLevel?: number;
      items: Array<{
        /** Stable id within the checklist; answers are stored under it. */
        id: string;
        title: string;
        description: string;
        /** An http(s) link to guidance on the item. */
        guidanceUrl?: string;
        /**
         * How long a done answer holds, as an ISO 8601 duration such as
         * `P1Y`, `P6M` or `P90D`. Once `validFor` has passed since the answer
         * was given, it is expired ("re-attest") and counts as not done until
         * the team re-attests it; the team is reminded before and when it
         * expires (see `ospo.reminders`). Left out, a done answer never
         * expires. An invalid duration stops the backend at start-up.
         */
        validFor?: string;
      }>;
    }>;
    /**
     * Reminders to the members of a team about its done answers that expire
     * soon or have expired (items with `validFor`): one notification per
     * team and step, through the notifications backend. Each step of each
     * answer is reminded of once.
     */
    reminders?: {
      /**
       * When the reminders are looked for. One instance of a cluster sends
       * them (the task's scope is always global). Defaults to every hour, a
       * 10 minute timeout and a 1 minute initial delay; `{ trigger: manual }`
       * turns them off.
       */
      schedule?: {
        frequency:
          | { cron: string }
          | string
          | HumanDuration
          | { trigger: 'manual' };
        timeout: string | HumanDuration;
        initialDelay?: string | HumanDuration;
      };
      /**
       * How long before an answer expires its team is first reminded, e.g.
       * `P14D` (the default) or `{ days: 30 }`.
       */
      before?: string | HumanDuration;
      /**
       * The most reminders one user is sent a day (UTC), over all their
       * teams; defaults to 5. Beyond it, a team's reminder goes to its other
       * members, or waits for a later day when none is left.
       */
      maxPerUserPerDay?: number;
    };
    /**
     * How long the plugin reuses a signed-in user's permission decisions and
     * which catalog entities they may see, so that the dozen requests of one
     * dashboard view do not each ask the permission backend and the catalog;
     * and, for entity pages, what it read of an entity (its owners) for
     * whoever may see it. A policy or catalog change applies to a user after
     * at most this time.
     */
    accessCache?: {
      /** Defaults to 10 seconds; 0 turns the cache off. At most 5 minutes. */
      ttl?: string | HumanDuration;
    };
    /** The metric runs that compute the OSPO's figures from the catalog. */
    metrics?: {
      /**
       * When runs happen. One instance of a cluster runs each (the task's
       * scope is always global). Defaults to every 6 hours, a 30 minute
       * timeout and a 30 second initial delay.
       */
      schedule?: {
        frequency:
          | { cron: string }
          | string
          | HumanDuration
          | { trigger: 'manual' };
        timeout: string | HumanDuration;
        initialDelay?: string | HumanDuration;
      };
      /**
       * How soon a run is tried again after it found the catalog empty: no
       * Group and no entity of a kind a metric reads, as on a first start
       * before the catalog has ingested anything. Such a run is recorded as
       * skipped, not stored as the latest figures. Defaults to 2 minutes; at
       * most 1 day.
       */
      retryEmptyCatalogAfter?: string | HumanDuration;
      /** How long snapshots are kept; the latest one always is. Defaults to 400 days. */
      retention?: string | HumanDuration;
      /** Catalog entities read per request. Defaults to 1000. */
      pageSize?: number;
      /** The period, in days, the consultation metrics look back over. Defaults to 30. */
      consultationPeriodDays?: number;
      /**
       * How many days an uploaded SBOM scan counts as current: a component
       * whose latest scan is older is stale, and counts as not scanned.
       * Defaults to 30.
       */
      sbomFreshDays?: number;
      /**
       * The period, in days, the time-to-fix metrics of dependency license
       * violations and vulnerabilities look back over. Defaults to 90.
       */
      timeToFixPeriodDays?: number;
    };
    /**
     * The OSPO checks shown on entity pages. They are evaluated in every
     * metrics run, and for one entity when a member of its team asks.
     */
    checks?: {
      /**
       * The organisation's guidance for a check, by check id: a link shown
       * with the fix when the check does not pass, e.g.
       * `license-policy: https://wiki.example.com/ospo/licenses`.
       * @visibility frontend
       */
      guidance?: { [checkId: string]: string };
      /**
       * How often one entity may be evaluated on request. Defaults to 10
       * seconds.
       */
      refreshInterval?: string | HumanDuration;
    };
    /**
     * SBOM uploads: CycloneDX JSON documents that CI posts to
     * `/api/ospo/entities/{kind}/{namespace}/{name}/sbom`. Larger ones are
     * refused with 413 and nothing is stored.
     */
    sbom?: {
      /**
       * The largest request body taken: a size such as `50mb`, `512kb`
       * (units b, kb, mb, gb; 1kb = 1024 bytes) or a number of bytes, from
       * 1kb to 1gb. Defaults to `50mb`.
       */
      maxSize?: string | number;
      /**
       * The most components (nested ones included) one SBOM may list; also
       * the most vulnerability findings (vulnerabilities times the
       * components each affects). Defaults to 100000.
       */
      maxComponents?: number;
    };
    /**
     * The license policy the "Denied licenses" metric and SBOM uploads (the
     * licenses of dependencies) apply: SPDX license ids per class. Each list left out takes its default (permissive allowed,
     * weak copyleft for review, strong copyleft denied).
     */
    licenses?: {
      allowed?: string[];
      review?: string[];
      denied?: string[];
    };
    /**
     * How OSPO staff hear of new consultation requests. Each staff member
     * gets one notification per request (in the notifications inbox) and,
     * with the signals backend installed, a live toast in the OSPO plugin's
     * frontend, which each user can mute in their settings.
     */
    notifications?: {
      /**
       * How long new requests are collected before staff are signalled
       * about them in one message, so that a burst makes one toast ("5 new
       * consultation requests"): a window opens with the first request and
       * closes this long after. Defaults to 5 seconds; 0 signals each
       * request at once. At most 1 minute.
       */
      toastBatchWindow?: string | HumanDuration;
    };
    /** The Open Source Program Office itself. */
    office?: {
      /**
       * Entity ref of the Group whose members are OSPO staff, e.g.
       * `group:default/ospo`, the default. The permission policy of this
       * package (`createOspoPermissionPolicy`, `ospoPermissionPolicyModule`)
       * lets them edit every team's answers, work the consultation queue and
       * start metric runs.
       */
      group?: string;
      /** Ways to reach the OSPO: chat channels, mailing lists (http, https or mailto links). */
      contacts?: Array<{ title: string; url: string }>;
      /** When the OSPO holds office hours, in words. */
      officeHours?: string;
      /**
       * How soon the OSPO aims to first respond to a consultation request,
       * e.g. `{ days: 2 }` or `P2D`, the default. Counted in weekday time:
       * Saturdays and Sundays (UTC) do not count, holidays do. Requests past
       * it without a response are shown as overdue, and the metric
       * `consultations.first-response-within-target` measures it. At most
       * 90 days.
       */
      responseTarget?: string | HumanDuration;
      /**
       * What the OSPO helps with, offered when filing a consultation request.
       * Defaults to new dependencies, upstream contributions, publishing,
       * license questions, vulnerabilities and other.
       */
      topics?: Array<{
        /** Stable id: lower-case letters, digits, '-', '_' or '.'. */
        id: string;
        title: string;
        description: string;
        guidanceUrl?: string;
      }>;
    };
    /** Campaigns: what the OSPO asks teams to complete by a date. */
    campaigns?: {
      reminders?: {
        /**
         * How often the reminder task runs, e.g. `{ hours: 24 }` (the
         * default), `PT12H` or a cron expression. One instance of the
         * backend runs it.
         */
        frequency?: HumanDuration | string | { cron: string };
        /**
         * The most reminders one person gets a day, over every campaign; 5
         * by default. Reminders over the cap wait for a later run.
         */
        dailyCapPerUser?: number;
      };
    };
  };
}
