import Tooltip from '@material-ui/core/Tooltip';
import {
  formatDateTime,
  formatRelativeTime,
} from '../../utils/formatRelativeTime';

/**
 * "3 days ago", with the exact time on hover and for machines.
 */
export function RelativeTime(props: { at: string }) {
  const { at } = props;
  return (
    <Tooltip title={formatDateTime(at)}>
      <time dateTime={at}>{formatRelativeTime(at)}</time>
    </Tooltip>
  );
}
