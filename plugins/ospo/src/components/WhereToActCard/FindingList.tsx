import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useMetricFindings } from '../../hooks/useMetricFindings';
import { WhereToActSection } from './WhereToActSection';

/** How many entities each list shows. */
export const WHERE_TO_ACT_LIMIT = 5;

/**
 * The first entities the latest run flagged for one metric, each linking to
 * its entity page, with why it was flagged and its owner.
 */
export function FindingList(props: {
  metricId: string;
  title: string;
  emptyText: string;
  version?: number;
}) {
  const { metricId, title, emptyText, version } = props;
  const { value, loading, error } = useMetricFindings(
    metricId,
    WHERE_TO_ACT_LIMIT,
    version,
  );
  return (
    <WhereToActSection
      title={title}
      loading={loading && !value}
      error={error}
      totalCount={value?.totalCount}
      emptyText={emptyText}
    >
      {(value?.items ?? []).map(finding => (
        <li key={finding.entityRef}>
          <EntityRefLink entityRef={finding.entityRef} />
          <Typography variant="body2" color="textSecondary">
            {finding.detail}
            {finding.teamRef && (
              <>
                {' · owned by '}
                <EntityRefLink
                  entityRef={finding.teamRef}
                  defaultKind="group"
                  hideIcon
                />
              </>
            )}
          </Typography>
        </li>
      ))}
    </WhereToActSection>
  );
}
