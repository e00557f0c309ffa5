import { ReactNode, useId } from 'react';
import Box from '@material-ui/core/Box';
import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    width: '100%',
    justifyContent: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
    borderRadius: theme.shape.borderRadius,
    textAlign: 'left',
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  icon: {
    color: theme.palette.text.secondary,
    transition: theme.transitions.create('transform'),
  },
  collapsed: { transform: 'rotate(-90deg)' },
  count: { marginLeft: theme.spacing(0.5) },
}));

/**
 * A titled group of metric tiles that folds away: on a phone, groups past the
 * first start folded so that what follows the tiles stays in reach.
 */
export function MetricTileGroup(props: {
  title: string;
  count: number;
  expanded: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  const { title, count, expanded, onToggle, children } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <Box component="section" aria-labelledby={`${id}-title`} mb={1}>
      <Typography variant="h6" component="h3">
        <ButtonBase
          className={classes.header}
          onClick={onToggle}
          aria-expanded={expanded}
          aria-controls={`${id}-tiles`}
          id={`${id}-title`}
        >
          <ExpandMoreIcon
            fontSize="small"
            className={`${classes.icon} ${expanded ? '' : classes.collapsed}`}
          />
          <span>{title}</span>{' '}
          <Typography
            component="span"
            variant="body2"
            color="textSecondary"
            className={classes.count}
          >
            {count === 1 ? '1 metric' : `${count} metrics`}
          </Typography>
        </ButtonBase>
      </Typography>
      {expanded && (
        <Box id={`${id}-tiles`} pt={1} pb={1}>
          {children}
        </Box>
      )}
    </Box>
  );
}
