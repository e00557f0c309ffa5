import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { LatestMetrics, MetricHistory } from '@ospo-kit/plugin-ospo-common';
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
}) {
  const { latest, history, periodDays } = props;
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
            return (
              <MetricRow
                key={definition.id}
                definition={definition}
                value={value}
                points={metricSeries(
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
