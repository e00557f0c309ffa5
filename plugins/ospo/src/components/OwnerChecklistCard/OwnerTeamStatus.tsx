import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TeamChecklist, TeamChecklists } from '@ospo-kit/plugin-ospo-common';
import { ChecklistItemStatusChip } from '../ChecklistItemStatusChip';
import { ChecklistProgress } from '../ChecklistProgress';
import { WhoMayEdit } from '../WhoMayEdit';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: theme.spacing(2),
    paddingTop: theme.spacing(0.5),
    paddingBottom: theme.spacing(0.5),
  },
}));

/**
 * The checklists of one team that owns the entity, at a glance.
 */
export function OwnerTeamStatus(props: { team: TeamChecklists }) {
  const { team } = props;
  return (
    <Box component="section">
      <Typography variant="h6" component="h4" gutterBottom>
        <EntityRefLink entityRef={team.teamRef} defaultKind="group" />
      </Typography>
      {team.checklists.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No checklists configured
        </Typography>
      ) : (
        team.checklists.map(teamChecklist => (
          <ChecklistGlance
            key={teamChecklist.checklist.id}
            teamChecklist={teamChecklist}
          />
        ))
      )}
      <WhoMayEdit teamRef={team.teamRef} boxProps={{ mt: 1 }} />
    </Box>
  );
}

function ChecklistGlance(props: { teamChecklist: TeamChecklist }) {
  const { checklist, answers, completion } = props.teamChecklist;
  const classes = useStyles();
  const answerByItem = new Map(answers.map(a => [a.itemId, a]));
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="h5" gutterBottom>
        {checklist.title}
      </Typography>
      <ChecklistProgress
        compact
        completion={completion}
        label={`${checklist.title} completion`}
      />
      <List dense disablePadding aria-label={`${checklist.title} items`}>
        {checklist.items.map(item => (
          <ListItem key={item.id} disableGutters className={classes.item}>
            <Tooltip title={item.description} placement="left">
              <Typography variant="body2">{item.title}</Typography>
            </Tooltip>
            <ChecklistItemStatusChip
              status={answerByItem.get(item.id)?.status ?? 'not-started'}
              expired={answerByItem.get(item.id)?.expired}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
