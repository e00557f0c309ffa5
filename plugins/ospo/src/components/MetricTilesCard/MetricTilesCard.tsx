import { useState } from 'react';
import Box from '@material-ui/core/Box';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme, makeStyles } from '@material-ui/core/styles';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { MetricDefinition, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { useScopeMetrics } from '../../hooks/useScopeMetrics';
import {
  CHECKLIST_METRIC_IDS,
  LiveChecklistFigures,
  seriesWithLive,
} from '../../utils/liveChecklistFigures';
import { metricSeries } from '../../utils/metricSeries';
import { LabelledSelect } from '../LabelledSelect';
import { MetricDrillDownDialog } from '../MetricDrillDownDialog';
import { MetricsRunTimes } from '../MetricsRunTimes';
import { NoMetricsRunYet } from '../TeamMetricsCard/NoMetricsRunYet';
import { MetricTile } from './MetricTile';
import { MetricTileGroup } from './MetricTileGroup';
import { useWrappingCardHeader } from '../../hooks/useWrappingCardHeader';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(208px, 1fr))',
    gap: theme.spacing(2),
  },
  period: {
    minWidth: 160,
  },
}));

/** Where metrics without a group of their own are shown. */
const OTHER_GROUP = 'Other';

/** The metrics by group, groups in the order of their first metric. */
function groupDefinitions(
  definitions: MetricDefinition[],
): Array<[string, MetricDefinition[]]> {
  const groups = new Map<string, MetricDefinition[]>();
  for (const definition of definitions) {
    const group = definition.group ?? OTHER_GROUP;
    groups.set(group, [...(groups.get(group) ?? []), definition]);
  }
  return [...groups];
}

/** The periods the change and the trend can cover, in days. */
export const METRIC_PERIODS = [30, 90, 365];

const PERIOD_OPTIONS = METRIC_PERIODS.map(days => ({
  value: String(days),
  label: `Last ${days} days`,
}));

/**
 * Props of the {@link MetricTilesCard}.
 */
export interface MetricTilesCardProps {
  /** Changes when a metrics run finished, to load the figures again. */
  version?: number;
  /**
   * The organisation's checklist metrics from the current answers, as the
   * heat map on the same page counts them, when the page has read them.
   */
  liveChecklists?: LiveChecklistFigures;
}

/**
 * A tile per metric with the organisation's figure, its change over the
 * chosen period and its trend, the definition a click away; a tile opens the
 * metric by department. The history of every metric comes in one request.
 * The subheader tells when the run computed the figures and when the next is
 * due; checklist figures show the current answers when the page has them,
 * and are labelled with the run's time otherwise or where they differ.
 */
export function MetricTilesCard(props: MetricTilesCardProps) {
  const headerClass = useWrappingCardHeader();
  const classes = useStyles();
  const [days, setDays] = useState(90);
  const [open, setOpen] = useState<MetricDefinition>();
  // Folded or unfolded by hand, by group title; otherwise every group is
  // open, except on a phone, where only the first is.
  const [folded, setFolded] = useState<Record<string, boolean>>({});
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  const { liveChecklists } = props;
  const { value, loading, error, retry } = useScopeMetrics(
    ORG_SCOPE,
    days,
    props.version,
  );

  let content;
  let subheader;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Progress />;
  } else if (!value.latest.computedAt) {
    content = <NoMetricsRunYet onCheckAgain={retry} checking={loading} />;
  } else if (value.latest.definitions.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No metrics defined"
        description="Metrics are computed by the OSPO backend; none is enabled."
      />
    );
  } else {
    const { latest, history } = value;
    const computedAt = value.latest.computedAt;
    const values = new Map(latest.values.map(v => [v.metricId, v]));
    const histories = new Map(history.map(h => [h.metricId, h.points]));
    subheader = (
      <MetricsRunTimes
        prefix="Organisation-wide"
        computedAt={computedAt}
        nextRunAt={latest.nextRunAt}
      />
    );
    const tile = (definition: MetricDefinition) => {
      const metricValue = values.get(definition.id);
      const timed = CHECKLIST_METRIC_IDS.has(definition.id);
      const live = timed ? liveChecklists?.get(definition.id) : undefined;
      return (
        <MetricTile
          key={definition.id}
          definition={definition}
          value={metricValue}
          points={seriesWithLive(
            metricSeries(
              histories.get(definition.id) ?? [],
              metricValue,
              computedAt,
            ),
            metricValue,
            live,
          )}
          periodDays={days}
          onOpen={setOpen}
          timed={timed ? { computedAt, live } : undefined}
        />
      );
    };
    const groups = groupDefinitions(latest.definitions);
    content =
      groups.length === 1 ? (
        <Box className={classes.grid}>{groups[0][1].map(tile)}</Box>
      ) : (
        groups.map(([group, definitions], index) => {
          const expanded = !(folded[group] ?? (phone && index > 0));
          return (
            <MetricTileGroup
              key={group}
              title={group}
              count={definitions.length}
              expanded={expanded}
              onToggle={() =>
                setFolded(current => ({ ...current, [group]: expanded }))
              }
            >
              <Box className={classes.grid}>{definitions.map(tile)}</Box>
            </MetricTileGroup>
          );
        })
      );
  }

  return (
    <InfoCard
      className={headerClass}
      title="Metrics"
      subheader={subheader}
      action={
        <LabelledSelect
          label="Period"
          value={String(days)}
          options={PERIOD_OPTIONS}
          onChange={selected => setDays(Number(selected))}
          className={classes.period}
        />
      }
    >
      {content}
      {open && (
        <MetricDrillDownDialog
          definition={open}
          orgValue={value?.latest.values.find(v => v.metricId === open.id)}
          orgLive={
            CHECKLIST_METRIC_IDS.has(open.id)
              ? liveChecklists?.get(open.id)
              : undefined
          }
          nextRunAt={value?.latest.nextRunAt}
          onClose={() => setOpen(undefined)}
        />
      )}
    </InfoCard>
  );
}
