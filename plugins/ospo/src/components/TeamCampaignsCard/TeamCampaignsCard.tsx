import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCampaigns } from '../../hooks/useCampaigns';
import { rootRouteRef } from '../../routes';

/**
 * Props of the {@link EntityTeamCampaignsCard}.
 *
 * @public
 */
export interface TeamCampaignsCardProps {
  variant?: InfoCardVariants;
}

/**
 * The active OSPO campaigns that concern the team shown on a Group entity
 * page, each with its deadline.
 *
 * @public
 */
export function TeamCampaignsCard(props: TeamCampaignsCardProps) {
  const { entity } = useEntity();
  const teamRef = stringifyEntityRef(entity);
  const ospoRoot = useRouteRef(rootRouteRef)();
  const { value, loading, error } = useCampaigns({
    teamRef,
    status: 'active',
  });

  let content;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (loading || !value) {
    content = <Progress />;
  } else if (value.length === 0) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No active OSPO campaign concerns this team.
      </Typography>
    );
  } else {
    content = (
      <List dense aria-label="OSPO campaigns">
        {value.map(({ campaign, overdue }) => (
          <ListItem key={campaign.id} disableGutters>
            <ListItemText
              primary={
                <Link to={`${ospoRoot}/campaigns/${campaign.id}`}>
                  {campaign.title}
                </Link>
              }
              secondary={`Due ${campaign.targetDate}${
                overdue ? ' · past its target date' : ''
              }`}
            />
          </ListItem>
        ))}
      </List>
    );
  }
  return (
    <InfoCard title="OSPO campaigns" variant={props.variant}>
      {content}
    </InfoCard>
  );
}
