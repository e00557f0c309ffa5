import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { LatestMetrics, MetricHistory } from '@ospo-kit/plugin-ospo-common';
import {
  CHECKLIST_METRIC_IDS,
  LiveChecklistFigures,
  seriesWithLive,
} from '../../utils/liveChecklistFigures';
import { metricSeries } from '../../utils/metricSeries';
import { MetricRow } from './MetricRow';

// Column titles stay on one line when the card shares the page with a side
// column and breakdown chips widen the first column.
const useStyles = makeStyles({
  head: { whiteSpace: 'nowrap' },
});

/**
 * Every metric of a scope, one row each in the definitions' order, aligned
 * in columns: metric, latest figure, change over the period, trend.
 */
export function MetricsTable(props: {
  latest: LatestMetrics & { computedAt: string };
  history: MetricHistory[];
  periodDays: number;
  /** The checklist metrics from the current answers, once read. */
  live?: LiveChecklistFigures;
}) {
  const { latest, history, periodDays, live } = props;
  const values = new Map(latest.values.map(v => [v.metricId, v]));
  const histories = new Map(history.map(h => [h.metricId, h.points]));
  const periodLabel = `last ${periodDays} days`;
  const classes = useStyles();

  return (
    <Box overflow="auto">
      <Table size="small" aria-label={`Metrics of ${latest.scope.title}`}>
        <TableHead>
          <TableRow className={classes.head}>
            <TableCell>Metric</TableCell>
            <TableCell align="right">Latest</TableCell>
            <TableCell align="right">Change</TableCell>
            <TableCell>{`Last ${periodDays} days`}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {latest.definitions.map(definition => {
            const value = values.get(definition.id);
            const timed = CHECKLIST_METRIC_IDS.has(definition.id);
            const liveValue = timed ? live?.get(definition.id) : undefined;
            return (
              <MetricRow
                key={definition.id}
                definition={definition}
                value={value}
                points={seriesWithLive(
                  metricSeries(
                    histories.get(definition.id) ?? [],
                    value,
                    latest.computedAt,
                  ),
                  value,
                  liveValue,
                )}
                periodLabel={periodLabel}
                timed={
                  timed
                    ? { computedAt: latest.computedAt, live: liveValue }
                    : undefined
                }
              />
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
