import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { formatCount } from '../../utils/formatMetricValue';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  title: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li': {
      padding: theme.spacing(1, 0),
      borderBottom: `1px solid ${theme.palette.divider}`,
      minWidth: 0,
    },
    '& > li:last-child': {
      borderBottom: 'none',
    },
  },
}));

/**
 * One list of the "Where to act" card, with its own loading, error and empty
 * states, and how many there are in all when the list shows only the first.
 */
export function WhereToActSection(props: {
  title: string;
  loading: boolean;
  error?: Error;
  /** How many entries there are in all; undefined while unknown. */
  totalCount?: number;
  /** Shown when there is nothing to act on. */
  emptyText: string;
  children: ReactNode[];
}) {
  const { title, loading, error, totalCount, emptyText, children } = props;
  const classes = useStyles();
  const headingId = `ospo-where-to-act-${title.replace(/\W+/g, '-')}`;

  let content;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (loading) {
    content = <Progress />;
  } else if (children.length === 0) {
    content = (
      <Typography variant="body2" color="textSecondary">
        {emptyText}
      </Typography>
    );
  } else {
    content = (
      <ul className={classes.list} aria-labelledby={headingId}>
        {children}
      </ul>
    );
  }

  return (
    <Box component="section" aria-labelledby={headingId}>
      <Box className={classes.heading}>
        <Typography
          variant="subtitle2"
          component="h3"
          id={headingId}
          className={classes.title}
        >
          {title}
        </Typography>
        {totalCount !== undefined && totalCount > children.length && (
          <Typography variant="caption" color="textSecondary">
            {`${children.length} of ${formatCount(totalCount)}`}
          </Typography>
        )}
      </Box>
      {content}
    </Box>
  );
}
