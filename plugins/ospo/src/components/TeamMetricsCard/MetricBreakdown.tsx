import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MetricDefinition } from '@ospo-kit/plugin-ospo-common';
import { formatCount } from '../../utils/formatMetricValue';

/** Past this many keys a dimension folds the smallest into "+N more". */
const SHOWN_KEYS = 4;

const useStyles = makeStyles(theme => ({
  dimension: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(0.5),
  },
  dimensionTitle: {
    minWidth: theme.spacing(8),
  },
  chip: {
    height: 20,
    fontSize: theme.typography.caption.fontSize,
  },
}));

/**
 * A metric's counts by dimension as small chips, largest first, such as
 * "Type: service 12 · website 3".
 */
export function MetricBreakdown(props: {
  definition: MetricDefinition;
  breakdown: Record<string, Record<string, number>>;
}) {
  const { definition, breakdown } = props;
  const classes = useStyles();
  // The definition's order first, then anything it does not name.
  const dimensions = [
    ...Object.keys(definition.breakdowns ?? {}),
    ...Object.keys(breakdown).filter(d => !definition.breakdowns?.[d]),
  ];

  return (
    <>
      {dimensions.map(dimension => {
        const counts = Object.entries(breakdown[dimension] ?? {})
          .filter(([, count]) => count > 0)
          .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
        if (counts.length === 0) {
          return null;
        }
        const title = definition.breakdowns?.[dimension] ?? dimension;
        // Folding a single key would save no room.
        const shown =
          counts.length > SHOWN_KEYS + 1 ? counts.slice(0, SHOWN_KEYS) : counts;
        const rest = counts.slice(shown.length);
        return (
          <Box
            key={dimension}
            role="group"
            aria-label={`${definition.title} by ${title}`}
            className={classes.dimension}
          >
            <Typography
              variant="caption"
              color="textSecondary"
              className={classes.dimensionTitle}
            >
              {title}
            </Typography>
            {shown.map(([key, count]) => (
              <Chip
                key={key}
                size="small"
                variant="outlined"
                className={classes.chip}
                label={`${key} ${formatCount(count)}`}
              />
            ))}
            {rest.length > 0 && (
              <Tooltip
                title={rest
                  .map(([key, count]) => `${key} ${formatCount(count)}`)
                  .join(' · ')}
              >
                <Chip
                  size="small"
                  className={classes.chip}
                  label={`+${rest.length} more`}
                />
              </Tooltip>
            )}
          </Box>
        );
      })}
    </>
  );
}
