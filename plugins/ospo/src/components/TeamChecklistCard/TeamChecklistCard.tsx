import { Fragment, useCallback } from 'react';
import Box from '@material-ui/core/Box';
import {
  EmptyState,
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { ospoChecklistAnswerUpdatePermission } from '@ospo-kit/plugin-ospo-common';
import { notifyChecklistAnswerChanged } from '../../hooks/checklistAnswerChanges';
import { useTeamChecklists } from '../../hooks/useTeamChecklists';
import { WhoMayEdit } from '../WhoMayEdit';
import { TeamChecklistSection } from './TeamChecklistSection';

/**
 * Props of the {@link EntityTeamChecklistCard}.
 *
 * @public
 */
export interface TeamChecklistCardProps {
  variant?: InfoCardVariants;
}

/**
 * The OSPO checklists of the team shown on a Group entity page, with the
 * team's answers and the means to change them.
 *
 * @public
 */
export function TeamChecklistCard(props: TeamChecklistCardProps) {
  const { entity } = useEntity();
  const teamRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useTeamChecklists(teamRef);
  // Other cards on the page (the team's metrics) follow the new answer too.
  const onChanged = useCallback(() => {
    retry();
    notifyChecklistAnswerChanged(teamRef);
  }, [retry, teamRef]);
  const editPermission = usePermission({
    permission: ospoChecklistAnswerUpdatePermission,
    resourceRef: teamRef,
  });

  let content;
  // A reload after a save keeps showing the last checklists instead of
  // flashing the progress bar and closing everything.
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value?.checklists.length) {
    content = (
      <EmptyState
        missing="content"
        title="No checklists configured"
        description="The OSPO has not configured any checklist for teams yet."
      />
    );
  } else {
    content = value.checklists.map((teamChecklist, index) => (
      <Fragment key={teamChecklist.checklist.id}>
        {index > 0 && <Box mt={4} />}
        <TeamChecklistSection
          teamRef={teamRef}
          teamChecklist={teamChecklist}
          editPermission={{
            allowed: editPermission.allowed,
            loading: editPermission.loading,
          }}
          onChanged={onChanged}
        />
      </Fragment>
    ));
  }

  return (
    <InfoCard title="OSPO checklists" variant={props.variant}>
      {value && (
        <WhoMayEdit teamRef={teamRef} onTeamPage boxProps={{ mb: 2 }} />
      )}
      {content}
    </InfoCard>
  );
}
