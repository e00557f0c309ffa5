import Tooltip from '@material-ui/core/Tooltip';
import {
  formatDateTime,
  formatRelativeTime,
} from '../../utils/formatRelativeTime';

/** Closer than this, a run is said to be due now rather than "in 30 seconds". */
const DUE_NOW_MS = 60 * 1000;

/**
 * When the next metrics run is due: "in 5 hours", or "due now" when it is
 * going on or overdue; the exact time on hover and for machines.
 */
export function NextRunTime(props: { at: string; now?: number }) {
  const { at, now = Date.now() } = props;
  const dueNow = Date.parse(at) - now < DUE_NOW_MS;
  return (
    <Tooltip title={formatDateTime(at)}>
      <time dateTime={at}>
        {dueNow ? 'due now' : formatRelativeTime(at, now)}
      </time>
    </Tooltip>
  );
}
