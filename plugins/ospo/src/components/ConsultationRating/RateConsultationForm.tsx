import { FormEvent, useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Rating from '@material-ui/lab/Rating';
import { useApi } from '@backstage/core-plugin-api';
import { ConsultationRating } from '@ospo-kit/plugin-ospo-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ospoApiRef } from '../../api';
import { isConflictError, serverErrorMessage } from '../../utils/errors';

/** The longest rating comment the backend stores. */
export const RATING_COMMENT_MAX_LENGTH = 2000;

/** What each score means, shown while choosing it. */
const SCORE_LABELS: Record<number, string> = {
  1: 'Poor',
  2: 'Fair',
  3: 'Good',
  4: 'Very good',
  5: 'Excellent',
};

/**
 * "Rate this answer": 1 to 5 stars and an optional comment, for the requester
 * of a resolved or declined request. It submits once; `onRated` gets the
 * stored rating, and a rating given meanwhile elsewhere (409) asks to reload.
 */
export function RateConsultationForm(props: {
  consultationId: string;
  onRated: (rating: ConsultationRating) => void;
}) {
  const { consultationId, onRated } = props;
  const ospoApi = useApi(ospoApiRef);
  const id = useId();
  const [score, setScore] = useState<number | null>(null);
  const [hover, setHover] = useState(-1);
  const [comment, setComment] = useState('');

  const [state, submit] = useAsyncFn(async () => {
    const trimmed = comment.trim();
    const rating = await ospoApi.rateConsultation(consultationId, {
      score: score!,
      ...(trimmed ? { comment: trimmed } : {}),
    });
    onRated(rating);
    return rating;
  }, [ospoApi, consultationId, score, comment, onRated]);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (score && !state.loading && !state.value) {
      submit();
    }
  };

  const shown = hover !== -1 ? hover : score;
  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-title`}>
      <Typography variant="subtitle2" component="h3" id={`${id}-title`}>
        Rate this answer
      </Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        How did the OSPO do? You can rate it once.
      </Typography>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Rating
          name={`${id}-score`}
          value={score}
          onChange={(_event, value) => setScore(value)}
          onChangeActive={(_event, value) => setHover(value)}
          disabled={state.loading}
        />
        <Typography variant="body2" color="textSecondary" component="span">
          {shown ? SCORE_LABELS[shown] : 'Choose 1 to 5 stars'}
        </Typography>
      </Box>
      <TextField
        id={`${id}-comment`}
        label="Comment (optional)"
        value={comment}
        onChange={e => setComment(e.target.value)}
        multiline
        minRows={2}
        maxRows={6}
        variant="outlined"
        margin="dense"
        fullWidth
        disabled={state.loading}
        inputProps={{ maxLength: RATING_COMMENT_MAX_LENGTH }}
        helperText={
          comment.length > RATING_COMMENT_MAX_LENGTH * 0.9
            ? `${comment.length}/${RATING_COMMENT_MAX_LENGTH}`
            : undefined
        }
      />
      {state.error && (
        <Box mt={1}>
          <Alert severity="error">
            {isConflictError(state.error)
              ? `This request can no longer be rated: ${serverErrorMessage(
                  state.error,
                )}. Reload it to see its rating.`
              : `Could not save the rating: ${serverErrorMessage(state.error)}`}
          </Alert>
        </Box>
      )}
      <Box display="flex" justifyContent="flex-end" mt={1}>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={!score || state.loading || Boolean(state.value)}
        >
          Submit rating
        </Button>
      </Box>
    </form>
  );
}
