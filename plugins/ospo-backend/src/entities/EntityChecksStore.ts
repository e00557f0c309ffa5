import { EntityCheckResult } from '@ospo-kit/plugin-ospo-common';

/**
 * The verdicts of one evaluation of one entity.
 *
 * @internal
 */
export interface StoredEntityChecks {
  entityRef: string;
  teamRef?: string;
  /** The entity's `metadata.etag` when evaluated, to tell a later change. */
  entityEtag?: string;
  evaluatedAt: Date;
  evaluatedBy: 'run' | 'refresh';
  /** Worst first. */
  results: EntityCheckResult[];
}

/**
 * Where the latest check verdicts of each entity are kept.
 *
 * @internal
 */
export interface EntityChecksStore {
  /** Replaces the verdicts of each entity; `runId` marks them seen by a run. */
  put(checks: StoredEntityChecks[], runId?: string): Promise<void>;
  get(entityRef: string): Promise<StoredEntityChecks | undefined>;
  /**
   * Deletes the verdicts of entities the run did not see (gone from the
   * catalog), except those evaluated since the run started.
   */
  pruneUnseen(runId: string, runStartedAt: Date): Promise<number>;
}
