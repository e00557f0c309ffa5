import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatCount } from '../../utils/formatMetricValue';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    margin: theme.spacing(2, 0),
  },
}));

/** "1 component", "3 components"; "1 vulnerability", "2 vulnerabilities". */
export function plural(
  count: number,
  noun: string,
  nouns: string = `${noun}s`,
): string {
  return `${formatCount(count)} ${count === 1 ? noun : nouns}`;
}

/** A report's summary line, with its CSV export at the end. */
export function ReportToolbar(props: { summary: string; action: ReactNode }) {
  const classes = useStyles();
  return (
    <Box className={classes.toolbar}>
      <Typography variant="body1">{props.summary}</Typography>
      {props.action}
    </Box>
  );
}
