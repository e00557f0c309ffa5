import Box, { BoxProps } from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import { LinkButton } from '@backstage/core-components';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { ospoChecklistAnswerUpdatePermission } from '@ospo-kit/plugin-ospo-common';

/**
 * The next step on a team's checklist: for those who may change its answers,
 * the way to them (from another entity's page); for everyone else, in words
 * on the card rather than in a tooltip, who may and whom to ask.
 */
export function WhoMayEdit(props: {
  teamRef: string;
  /** On the team's own page, where the answers are edited in place. */
  onTeamPage?: boolean;
  /** Where it sits, when it shows at all. */
  boxProps?: BoxProps;
}) {
  const { teamRef, onTeamPage, boxProps } = props;
  const { allowed, loading } = usePermission({
    permission: ospoChecklistAnswerUpdatePermission,
    resourceRef: teamRef,
  });
  const entityLink = useEntityRefLink();
  if (loading || (allowed && onTeamPage)) return null;
  if (allowed) {
    return (
      <Box {...boxProps}>
        <LinkButton
          to={entityLink(teamRef)}
          size="small"
          color="primary"
          variant="outlined"
          startIcon={<EditIcon />}
        >
          Update the team's answers
        </LinkButton>
      </Box>
    );
  }
  return (
    <Box {...boxProps}>
      <Typography variant="body2" color="textSecondary" role="note">
        Only members of{' '}
        <EntityRefLink entityRef={teamRef} defaultKind="group" /> and OSPO staff
        can change these answers. To change one, ask a member of the team or the
        OSPO.
      </Typography>
    </Box>
  );
}
