import {
  EmptyState,
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useLiveChecklistFigures } from '../../hooks/useLiveChecklistFigures';
import { useScopeMetrics } from '../../hooks/useScopeMetrics';
import { MetricsRunTimes } from '../MetricsRunTimes';
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
 * published definition a click away; when the figures were computed and when
 * the next run is due. Checklist figures come from the current answers, as
 * the team's checklists show them, with the run's labelled with its time
 * where it differs.
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
  // Checklist figures as the checklists on the same page show them.
  const live = useLiveChecklistFigures(scopeRef);

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
      subheader = (
        <MetricsRunTimes computedAt={computedAt} nextRunAt={latest.nextRunAt} />
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
            live={live}
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
