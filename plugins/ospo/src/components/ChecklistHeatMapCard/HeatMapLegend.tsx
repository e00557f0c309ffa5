import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CHECKLIST_CELL_STATUSES } from '@ospo-kit/plugin-ospo-common';
import { capitalize } from '../../utils/capitalize';
import { checklistCellStatusLabel } from '../../utils/checklistCellStatusLabel';
import { CELL_GLYPHS } from './cellStatusStyle';
import { useHeatMapStyles } from './useHeatMapStyles';

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  entry: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
}));

/**
 * What the colours and glyphs of the heat map mean, and how to read the
 * department rows.
 */
export function HeatMapLegend() {
  const classes = useStyles();
  const heatMap = useHeatMapStyles();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      mb={2}
      style={{ gap: 16 }}
    >
      <ul className={classes.legend} aria-label="Legend">
        {CHECKLIST_CELL_STATUSES.map(status => (
          <li key={status} className={classes.entry}>
            <span
              aria-hidden
              className={`${heatMap.swatch} ${heatMap[status]}`}
            >
              {CELL_GLYPHS[status]}
            </span>
            <Typography variant="body2" component="span">
              {capitalize(checklistCellStatusLabel(status))}
            </Typography>
          </li>
        ))}
      </ul>
      <Typography variant="caption" color="textSecondary">
        Department rows split each item by how many of their teams gave each
        answer; completion leaves out items that do not apply.
      </Typography>
    </Box>
  );
}
