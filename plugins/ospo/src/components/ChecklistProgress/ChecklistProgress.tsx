import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ChecklistCompletion } from '@ospo-kit/plugin-ospo-common';

/**
 * How far a team is with one checklist: "3 of 5 done" over a progress bar.
 * Not-applicable items are left out of the count and mentioned apart, so a
 * team is not penalised for items that do not concern it.
 */
export function ChecklistProgress(props: {
  completion: ChecklistCompletion;
  /** Names the progress bar for assistive technology. */
  label: string;
  /** The short "3/5 done" form, for dense cards. */
  compact?: boolean;
}) {
  const { completion, label, compact } = props;
  const percent = Math.round(completion.ratio * 100);
  const summary = compact
    ? `${completion.done}/${completion.applicable} done`
    : `${completion.done} of ${completion.applicable} done`;
  return (
    <Box>
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="baseline"
        mb={0.5}
      >
        <Typography variant="body2">
          {summary}
          {completion.notApplicable > 0 && (
            <Typography component="span" variant="body2" color="textSecondary">
              {' · '}
              {completion.notApplicable} not applicable
            </Typography>
          )}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {percent}%
        </Typography>
      </Box>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={label}
      />
    </Box>
  );
}
