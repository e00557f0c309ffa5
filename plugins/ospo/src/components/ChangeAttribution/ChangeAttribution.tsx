import Typography from '@material-ui/core/Typography';
import Tooltip from '@material-ui/core/Tooltip';
import { UserRefLink } from '../UserRefLink';
import {
  formatDateTime,
  formatRelativeTime,
} from '../../utils/formatRelativeTime';

/**
 * "answered by Lee Tanaka · 3 days ago": who made a change and when, with the
 * user's ref and the exact time on hover.
 */
export function ChangeAttribution(props: {
  verb: string;
  userRef: string;
  at: string;
}) {
  const { verb, userRef, at } = props;
  return (
    <Typography variant="caption" color="textSecondary" component="span">
      {verb} <UserRefLink userRef={userRef} />
      {' · '}
      <Tooltip title={formatDateTime(at)}>
        <time dateTime={at}>{formatRelativeTime(at)}</time>
      </Tooltip>
    </Typography>
  );
}
