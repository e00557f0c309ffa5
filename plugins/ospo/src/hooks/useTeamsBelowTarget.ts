import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../api';
import { LOWEST_COMPLETION } from '../components/WhereToActCard/LowestCompletionList';
import {
  TeamsBelowTarget,
  teamsBelowTarget,
} from '../components/NeedsAttentionStrip/teamsBelowTarget';
import { useChecklistMatrix } from './useChecklistMatrix';

/** The longest page of the heat map the backend gives. */
const MAX_TEAMS = 500;

/**
 * How many teams are below the checklist target: from the few teams lowest
 * on completion that "Where to act" reads anyway (the request is shared on
 * the dashboard), and only when all of those are below it, from a page of
 * up to 500 teams, lowest first.
 */
export function useTeamsBelowTarget(target: number): {
  value?: TeamsBelowTarget;
  loading: boolean;
  error?: Error;
} {
  const ospoApi = useApi(ospoApiRef);
  const lowest = useChecklistMatrix(LOWEST_COMPLETION);
  const first = lowest.value && teamsBelowTarget(lowest.value.matrix, target);
  const needsMore = first?.atLeast === true;
  const more = useAsync(async () => {
    if (!needsMore) return undefined;
    const matrix = await ospoApi.getChecklistMatrix({
      sort: 'completion',
      order: 'asc',
      limit: MAX_TEAMS,
    });
    return teamsBelowTarget(matrix, target);
  }, [ospoApi, needsMore, target]);

  if (lowest.error) return { loading: false, error: lowest.error };
  if (!first) return { loading: true };
  if (!needsMore) return { value: first, loading: false };
  if (more.error) return { loading: false, error: more.error };
  return more.value ? { value: more.value, loading: false } : { loading: true };
}
