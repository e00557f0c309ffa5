import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  LatestMetrics,
  MetricHistory,
  MetricHistoryPoint,
  MetricValue,
} from '@ospo-kit/plugin-ospo-common';
import { MetricRow } from './MetricRow';

/**
 * Every metric of a scope, one row each in the definitions' order, aligned
 * in columns: metric, latest figure, change over the period, trend.
 */
export function MetricsTable(props: {
  latest: LatestMetrics & { computedAt: string };
  history: MetricHistory[];
  periodDays: number;
}) {
  const { latest, history, periodDays } = props;
  const values = new Map(latest.values.map(v => [v.metricId, v]));
  const histories = new Map(history.map(h => [h.metricId, h.points]));
  const periodLabel = `last ${periodDays} days`;

  return (
    <Box overflow="auto">
      <Table size="small" aria-label={`Metrics of ${latest.scope.title}`}>
        <TableHead>
          <TableRow>
            <TableCell>Metric</TableCell>
            <TableCell align="right">Latest</TableCell>
            <TableCell align="right">Change</TableCell>
            <TableCell>{`Last ${periodDays} days`}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {latest.definitions.map(definition => {
            const value = values.get(definition.id);
            return (
              <MetricRow
                key={definition.id}
                definition={definition}
                value={value}
                points={seriesOf(
                  histories.get(definition.id) ?? [],
                  value,
                  latest.computedAt,
                )}
                periodLabel={periodLabel}
              />
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * The history ending with the latest figure, so the change and the
 * sparkline agree with the figure shown, even when the history request
 * raced a run that just finished. A metric the run did not measure ends
 * with a gap, so it shows no change.
 */
function seriesOf(
  points: MetricHistoryPoint[],
  value: MetricValue | undefined,
  computedAt: string,
): MetricHistoryPoint[] {
  const last = points[points.length - 1];
  const latestAt = value?.computedAt ?? computedAt;
  if (last && Date.parse(last.computedAt) >= Date.parse(latestAt)) {
    return points;
  }
  return [
    ...points,
    {
      computedAt: latestAt,
      value: value?.value,
      numerator: value?.numerator,
      denominator: value?.denominator,
    },
  ];
}
