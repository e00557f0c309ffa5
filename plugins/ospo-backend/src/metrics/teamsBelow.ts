import { MetricsStore } from './MetricsStore';
import { collectDescendants } from './TeamHierarchy';

/**
 * The Group and every Group below it, as the last successful metrics run saw
 * the hierarchy (as the dashboard and the metrics' findings scope Groups);
 * the Group alone when no run has seen it.
 *
 * @internal
 */
export async function teamsBelow(
  store: Pick<MetricsStore, 'getLatestSuccessfulRun' | 'getScopes'>,
  teamRef: string,
): Promise<string[]> {
  const run = await store.getLatestSuccessfulRun();
  if (!run) return [teamRef];
  const scopes = await store.getScopes(run.id);
  const children = new Map(scopes.map(s => [s.ref, s.childRefs ?? []]));
  return children.has(teamRef)
    ? collectDescendants(teamRef, ref => children.get(ref))
    : [teamRef];
}
