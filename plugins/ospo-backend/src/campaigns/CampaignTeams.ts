import { parseEntityRef } from '@backstage/catalog-model';
import { MetricsStore } from '../metrics/MetricsStore';
import { collectDescendants } from '../metrics/TeamHierarchy';

/**
 * A team of a campaign and the target Group (department) it counts under.
 *
 * @internal
 */
export interface CampaignTeam {
  teamRef: string;
  title: string;
  departmentRef: string;
}

/**
 * A target Group of a campaign with its title.
 *
 * @internal
 */
export interface CampaignTarget {
  ref: string;
  title: string;
}

/**
 * Resolves a campaign's target Groups to teams, from the hierarchy of the
 * last successful metrics run (as the dashboard and `teamsBelow` do): a
 * target's teams are the Groups at or below it with no Groups below them. A
 * target the run did not see is a team itself. A team under two targets
 * counts under the first.
 *
 * @internal
 */
export async function resolveCampaignTeams(
  store: Pick<MetricsStore, 'getLatestSuccessfulRun' | 'getScopes'>,
  targetRefs: string[],
): Promise<{ targets: CampaignTarget[]; teams: CampaignTeam[] }> {
  const run = await store.getLatestSuccessfulRun();
  const scopes = run ? await store.getScopes(run.id) : [];
  const byRef = new Map(scopes.map(s => [s.ref, s]));
  const titleOf = (ref: string) =>
    byRef.get(ref)?.title ?? parseEntityRef(ref).name;
  const seen = new Set<string>();
  const teams: CampaignTeam[] = [];
  for (const target of targetRefs) {
    const below = byRef.has(target)
      ? collectDescendants(target, ref => byRef.get(ref)?.childRefs ?? [])
      : [target];
    const leaves = below.filter(
      ref => (byRef.get(ref)?.childRefs ?? []).length === 0,
    );
    for (const teamRef of leaves.sort()) {
      if (seen.has(teamRef)) continue;
      seen.add(teamRef);
      teams.push({ teamRef, title: titleOf(teamRef), departmentRef: target });
    }
  }
  return {
    targets: targetRefs.map(ref => ({ ref, title: titleOf(ref) })),
    teams,
  };
}
