import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { TeamChecklist } from '@ospo-kit/plugin-ospo-common';
import { ChecklistProgress } from '../ChecklistProgress';
import { ChecklistItemRow, EditPermission } from './ChecklistItemRow';

/**
 * One checklist of a team: its title, progress and items.
 */
export function TeamChecklistSection(props: {
  teamRef: string;
  teamChecklist: TeamChecklist;
  editPermission: EditPermission;
  onChanged: () => void;
}) {
  const { teamRef, teamChecklist, editPermission, onChanged } = props;
  const { checklist, answers, completion } = teamChecklist;
  const answersByItem = new Map(answers.map(a => [a.itemId, a]));
  const headingId = `ospo-checklist-${checklist.id}`;

  return (
    <Box component="section" aria-labelledby={headingId}>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={0.5}>
        <Box mr={1}>
          <Typography variant="h6" component="h3" id={headingId}>
            {checklist.title}
          </Typography>
        </Box>
        {checklist.osmmLevel !== undefined && (
          <Chip
            size="small"
            variant="outlined"
            label={`OSMM level ${checklist.osmmLevel}`}
          />
        )}
      </Box>
      {checklist.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {checklist.description}
        </Typography>
      )}
      <Box mb={1}>
        <ChecklistProgress
          completion={completion}
          label={`${checklist.title} completion`}
        />
      </Box>
      <List disablePadding aria-label={`${checklist.title} items`}>
        {checklist.items.map(item => (
          <ChecklistItemRow
            key={item.id}
            teamRef={teamRef}
            checklistId={checklist.id}
            checklistTitle={checklist.title}
            item={item}
            answer={answersByItem.get(item.id)}
            editPermission={editPermission}
            onChanged={onChanged}
          />
        ))}
      </List>
    </Box>
  );
}
