import Alert from '@material-ui/lab/Alert';
import { UnresolvedOwnerReason } from '@ospo-kit/plugin-ospo-common';

/**
 * Why an owner of the entity shows no checklist, and what that means.
 */
export function UnresolvedOwnerAlert(props: {
  ownerRef: string;
  reason: UnresolvedOwnerReason;
}) {
  const { ownerRef, reason } = props;
  if (reason === 'not-a-group') {
    return (
      <Alert severity="info">
        Owned by {ownerRef}, which is not a team: checklists are answered by
        teams (Groups).
      </Alert>
    );
  }
  return (
    <Alert severity="warning">
      Owned by {ownerRef}, which does not exist in the catalog: register that
      group, or point the entity&apos;s owner at an existing team, to see its
      checklists here.
    </Alert>
  );
}
