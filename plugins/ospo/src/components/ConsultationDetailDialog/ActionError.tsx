import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { isConflictError, serverErrorMessage } from '../../utils/errors';

/**
 * Why an action on a request failed. A 409 means someone else changed the
 * request first (another staff member resolved it, the requester withdrew
 * it), so the way out is to reload and look again.
 */
export function ActionError(props: {
  error: Error;
  /** What failed, e.g. "resolve the request". */
  what: string;
  onReload: () => void;
}) {
  const { error, what, onReload } = props;
  if (isConflictError(error)) {
    return (
      <Alert
        severity="warning"
        action={
          <Button color="inherit" size="small" onClick={onReload}>
            Reload
          </Button>
        }
      >
        <AlertTitle>This request changed meanwhile — reload</AlertTitle>
        Could not {what}: {serverErrorMessage(error)}
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      Could not {what}: {serverErrorMessage(error)}
    </Alert>
  );
}
