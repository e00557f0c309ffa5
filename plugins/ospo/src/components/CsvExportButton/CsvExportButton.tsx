import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { downloadText } from '../../utils/downloadText';
import { serverErrorMessage } from '../../utils/errors';

/**
 * Props of the {@link CsvExportButton}.
 */
export interface CsvExportButtonProps {
  /** Asks the backend for the CSV text. */
  fetchCsv: () => Promise<string>;
  /** The name the downloaded file gets, e.g. `ownership.coverage.csv`. */
  filename: string;
  /** The button's text; "Export CSV" by default. */
  label?: string;
}

/**
 * A button that fetches a CSV export and hands it to the browser as a
 * download; says why when the export failed.
 */
export function CsvExportButton(props: CsvExportButtonProps) {
  const { fetchCsv, filename, label = 'Export CSV' } = props;
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<Error>();

  const exportCsv = async () => {
    setExporting(true);
    setError(undefined);
    try {
      downloadText(await fetchCsv(), filename);
    } catch (e) {
      setError(e as Error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Box display="inline-flex" alignItems="center" style={{ gap: 8 }}>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          Export failed: {serverErrorMessage(error)}
        </Typography>
      )}
      <Button
        variant="outlined"
        size="small"
        color="primary"
        onClick={exportCsv}
        disabled={exporting}
        startIcon={
          exporting ? (
            <CircularProgress size={16} aria-hidden />
          ) : (
            <GetAppIcon aria-hidden />
          )
        }
      >
        {label}
      </Button>
    </Box>
  );
}
