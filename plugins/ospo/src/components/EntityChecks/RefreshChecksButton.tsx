import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';

/**
 * "Check now": evaluates the entity's checks again. Outlined where the
 * results may be out of date, a plain text button where an owner only wants
 * to confirm a fix.
 */
export function RefreshChecksButton(props: {
  onClick: () => void;
  refreshing: boolean;
  variant?: 'text' | 'outlined';
}) {
  const { onClick, refreshing, variant = 'text' } = props;
  return (
    <Button
      size="small"
      color="primary"
      variant={variant}
      onClick={onClick}
      disabled={refreshing}
      startIcon={
        refreshing ? (
          <CircularProgress size={14} aria-hidden />
        ) : (
          <RefreshIcon aria-hidden />
        )
      }
    >
      {refreshing ? 'Checking…' : 'Check now'}
    </Button>
  );
}
