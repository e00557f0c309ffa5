import { FormEvent, useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ospoApiRef } from '../../api';
import { serverErrorMessage } from '../../utils/errors';

const useStyles = makeStyles(theme => ({
  form: {
    marginTop: theme.spacing(1),
  },
}));

/** The longest comment the backend stores. */
const COMMENT_MAX_LENGTH = 5000;

/**
 * The box to add a comment to a request's thread; it empties once the
 * comment is stored.
 */
export function CommentForm(props: {
  consultationId: string;
  disabled?: boolean;
  onCommented: () => void;
}) {
  const { consultationId, disabled, onCommented } = props;
  const ospoApi = useApi(ospoApiRef);
  const classes = useStyles();
  const id = useId();
  const [body, setBody] = useState('');
  const trimmed = body.trim();

  const [state, post] = useAsyncFn(async () => {
    await ospoApi.commentOnConsultation(consultationId, trimmed);
    setBody('');
    onCommented();
  }, [ospoApi, consultationId, trimmed, onCommented]);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed && !state.loading) {
      post();
    }
  };

  return (
    <form onSubmit={handleSubmit} noValidate className={classes.form}>
      <TextField
        id={`${id}-comment`}
        label="Add a comment"
        value={body}
        onChange={e => setBody(e.target.value)}
        multiline
        minRows={2}
        maxRows={10}
        variant="outlined"
        margin="dense"
        fullWidth
        disabled={disabled}
        inputProps={{ maxLength: COMMENT_MAX_LENGTH }}
        helperText={
          body.length > COMMENT_MAX_LENGTH * 0.9
            ? `${body.length}/${COMMENT_MAX_LENGTH}`
            : undefined
        }
      />
      {state.error && (
        <Box mt={1}>
          <Alert severity="error">
            Could not add the comment: {serverErrorMessage(state.error)}
          </Alert>
        </Box>
      )}
      <Box display="flex" justifyContent="flex-end" mt={1}>
        <Button
          type="submit"
          color="primary"
          variant="outlined"
          disabled={disabled || !trimmed || state.loading}
        >
          Comment
        </Button>
      </Box>
    </form>
  );
}
