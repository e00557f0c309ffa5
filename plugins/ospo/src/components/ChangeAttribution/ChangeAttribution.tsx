import Typography from '@material-ui/core/Typography';
import Tooltip from '@material-ui/core/Tooltip';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
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
      {verb} <UserName userRef={userRef} />
      {' · '}
      <Tooltip title={formatDateTime(at)}>
        <time dateTime={at}>{formatRelativeTime(at)}</time>
      </Tooltip>
    </Typography>
  );
}

function UserName(props: { userRef: string }) {
  let ref;
  try {
    ref = parseEntityRef(props.userRef, { defaultKind: 'user' });
  } catch {
    // A ref we cannot parse is still worth showing as it is.
    return <>{props.userRef}</>;
  }
  // Without children the link shows the catalog's presentation of the
  // user (their display name, fetched in batches and cached by the catalog's
  // entity presentation API) and the ref in its tooltip.
  return <EntityRefLink entityRef={ref} hideIcon />;
}
