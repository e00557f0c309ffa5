import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { makeStyles } from '@material-ui/core/styles';
import { BulkOutcome } from './bulkOutcome';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  summary: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/**
 * The outcome of the last bulk change above the queue: how many changed,
 * and each request that could not, with the server's reason.
 */
export function BulkOutcomeAlert(props: {
  outcome: BulkOutcome;
  onClose: () => void;
}) {
  const { outcome, onClose } = props;
  const classes = useStyles();
  return (
    <Alert severity={outcome.severity} onClose={onClose}>
      <AlertTitle>{outcome.title}</AlertTitle>
      {outcome.failures.length > 0 && (
        <ul className={classes.list}>
          {outcome.failures.map(failure => (
            <li key={failure.id}>
              <span className={classes.summary}>“{failure.summary}”</span>
              {` — ${failure.reason}`}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
