import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityChecklistStatus } from '@ospo-kit/plugin-ospo-common';
import { useEntityChecklistStatus } from '../../hooks/useEntityChecklistStatus';
import { EntityChecksSection } from '../EntityChecks';
import { OwnerTeamStatus } from './OwnerTeamStatus';
import { UnresolvedOwnerAlert } from './UnresolvedOwnerAlert';

/**
 * Props of the {@link EntityOwnerChecklistCard}.
 *
 * @public
 */
export interface OwnerChecklistCardProps {
  variant?: InfoCardVariants;
}

/**
 * The OSPO status of the entity shown on a Component, API, System or
 * Resource page: the verdicts of its OSPO checks, then the checklist
 * progress of the team(s) owning it.
 *
 * @public
 */
export function OwnerChecklistCard(props: OwnerChecklistCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useEntityChecklistStatus(entityRef);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    content = (
      <>
        {/* Keyed: a refresh's answer belongs to one entity. */}
        <EntityChecksSection
          key={entityRef}
          entityRef={entityRef}
          entityTitle={entity.metadata.title ?? entity.metadata.name}
          checks={value.checks}
        />
        <Box my={2}>
          <Divider />
        </Box>
        <Typography variant="overline" component="h3" color="textSecondary">
          {value.teams.length > 1 ? "Owners' checklists" : "Owner's checklist"}
        </Typography>
        <OwnerStatus status={value} />
      </>
    );
  }

  return (
    <InfoCard title="OSPO status" variant={props.variant}>
      {content}
    </InfoCard>
  );
}

function OwnerStatus(props: { status: EntityChecklistStatus }) {
  const { ownerRefs, teams, unresolvedOwners } = props.status;
  if (ownerRefs.length === 0) {
    return (
      <EmptyState
        missing="field"
        title="This entity has no owner"
        description="Checklists are answered by the team that owns an entity. Set spec.owner to a Group to see its progress here."
      />
    );
  }
  return (
    <>
      {unresolvedOwners.map(owner => (
        <Box key={owner.ref} mb={2}>
          <UnresolvedOwnerAlert ownerRef={owner.ref} reason={owner.reason} />
        </Box>
      ))}
      {teams.map((team, index) => (
        <Box key={team.teamRef}>
          {index > 0 && (
            <Box my={2}>
              <Divider />
            </Box>
          )}
          <OwnerTeamStatus team={team} />
        </Box>
      ))}
    </>
  );
}
