import { makeStyles } from '@material-ui/core/styles';
import { RelativeTime } from '../RelativeTime';
import { NextRunTime } from './NextRunTime';

const useStyles = makeStyles({
  part: { whiteSpace: 'nowrap' },
});

/**
 * When the figures shown were computed and when the next run may change
 * them: "Computed 2 hours ago · next run in 4 hours". The next run is left
 * out when the backend cannot tell (a schedule that only runs on request).
 * One span: a card header lays its subheader out as a flex box, which would
 * drop the spaces between the parts.
 */
export function MetricsRunTimes(props: {
  computedAt: string;
  nextRunAt?: string;
  /** What comes first, such as "Organisation-wide". */
  prefix?: string;
}) {
  const { computedAt, nextRunAt, prefix } = props;
  const classes = useStyles();
  // A narrow card wraps between the parts, not inside them.
  return (
    <span>
      {prefix && <span className={classes.part}>{prefix}</span>}
      {prefix && ' · '}
      <span className={classes.part}>
        {prefix ? 'computed ' : 'Computed '}
        <RelativeTime at={computedAt} />
      </span>
      {nextRunAt && (
        <>
          {' · '}
          <span className={classes.part}>
            next run <NextRunTime at={nextRunAt} />
          </span>
        </>
      )}
    </span>
  );
}
