import Button from '@material-ui/core/Button';
import { EmptyState } from '@backstage/core-components';
import { responseStatus, serverErrorMessage } from '../../utils/errors';

/**
 * Whether the server turned the heat map's filters down: a department or
 * checklist it does not know (404), or a value it cannot read (400). Both
 * come from a link, shared before a change or edited by hand.
 */
export function isUnknownFiltersError(error: Error): boolean {
  const status = responseStatus(error);
  return status === 404 || status === 400;
}

/**
 * Shown instead of the heat map when the server turned its filters down: what
 * the server said, in words rather than the raw response, and a way out.
 */
export function UnknownFiltersState(props: {
  error: Error;
  onClear: () => void;
}) {
  return (
    <EmptyState
      missing="data"
      title="Unknown department or checklist"
      description={`${serverErrorMessage(
        props.error,
      )}. The link may be out of date; departments are the ones the last metrics run saw.`}
      action={
        <Button variant="outlined" color="primary" onClick={props.onClear}>
          Clear filters
        </Button>
      }
    />
  );
}
