import {
  EmptyState,
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useScopeMetrics } from '../../hooks/useScopeMetrics';
import { RelativeTime } from '../RelativeTime';
import { MetricsTable } from './MetricsTable';
import { NoMetricsRunYet } from './NoMetricsRunYet';

/** How far back the change and the sparklines look. */
const PERIOD_DAYS = 90;

/**
 * Props of the {@link EntityTeamMetricsCard}.
 *
 * @public
 */
export interface TeamMetricsCardProps {
  variant?: InfoCardVariants;
}

/**
 * The OSPO metrics of the team shown on a Group entity page: each metric's
 * latest figure, its change over the last 90 days and a sparkline, with the
 * published definition a click away.
 *
 * @public
 */
export function TeamMetricsCard(props: TeamMetricsCardProps) {
  const { entity } = useEntity();
  const scopeRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useScopeMetrics(
    scopeRef,
    PERIOD_DAYS,
  );

  let content;
  let subheader;
  // "Check again" keeps the last answer on screen instead of flashing the
  // progress bar.
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const { latest, history } = value;
    const { computedAt } = latest;
    if (!computedAt) {
      content = <NoMetricsRunYet onCheckAgain={retry} checking={loading} />;
    } else {
      // One span: the card header lays its subheader out as a flex box,
      // which would drop the space before the time.
      subheader = (
        <span>
          Computed <RelativeTime at={computedAt} />
        </span>
      );
      content =
        latest.values.length === 0 ? (
          <EmptyState
            missing="data"
            title="No metrics for this team in the latest run"
            description="Metrics count what the team owns in the catalog and the requests it files. They show up after the next run once there is something to measure."
          />
        ) : (
          <MetricsTable
            latest={{ ...latest, computedAt }}
            history={history}
            periodDays={PERIOD_DAYS}
          />
        );
    }
  }

  return (
    <InfoCard
      title="OSPO metrics"
      subheader={subheader}
      variant={props.variant}
    >
      {content}
    </InfoCard>
  );
}
