import { useEffect } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { ChecklistMatrix } from '@ospo-kit/plugin-ospo-common';
import { useChecklistMatrix } from '../../hooks/useChecklistMatrix';
import { CompletionBar } from '../CompletionBar';
import { WHERE_TO_ACT_LIMIT } from './FindingList';
import { WhereToActSection } from './WhereToActSection';

// Stable, so the hook does not ask again on every render; the dashboard's
// "needs attention" strip shares the request.
export const LOWEST_COMPLETION = {
  sort: 'completion',
  order: 'asc',
  limit: WHERE_TO_ACT_LIMIT,
} as const;

/**
 * The teams furthest behind on their checklists, each linking to its Group
 * page, with its department and completion.
 */
export function LowestCompletionList(props: {
  /** Gets the heat map read, unfiltered: its roll-up is the organisation's. */
  onMatrix?: (matrix: ChecklistMatrix) => void;
}) {
  const { onMatrix } = props;
  const entityLink = useEntityRefLink();
  const { value, loading, error } = useChecklistMatrix(LOWEST_COMPLETION);
  const matrix = value?.matrix;
  useEffect(() => {
    if (matrix) onMatrix?.(matrix);
  }, [matrix, onMatrix]);
  const departments = new Map(
    (matrix?.departments ?? []).map(d => [d.ref, d.title]),
  );
  return (
    <WhereToActSection
      title="Lowest checklist completion"
      loading={loading && !value}
      error={error}
      totalCount={matrix?.totalCount}
      emptyText="No team has a checklist to complete yet."
    >
      {(matrix?.teams ?? []).map(team => (
        <li key={team.ref}>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Box flex={1} minWidth={0}>
              <Link to={entityLink(team.ref)}>{team.title}</Link>
              {team.departmentRef && departments.has(team.departmentRef) && (
                <Typography variant="body2" color="textSecondary" noWrap>
                  {departments.get(team.departmentRef)}
                </Typography>
              )}
            </Box>
            <CompletionBar completion={team} />
          </Box>
        </li>
      ))}
    </WhereToActSection>
  );
}
