import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import { useApi } from '@backstage/core-plugin-api';
import { SbomOffenders } from '@ospo-kit/plugin-ospo-common';
import { useCallback } from 'react';
import { ospoApiRef } from '../../api';
import { formatCount } from '../../utils/formatMetricValue';
import { CsvExportButton } from '../CsvExportButton';
import { useStackedTableStyles } from './useStackedTableStyles';
import { plural, ReportToolbar } from './ReportToolbar';

const useStyles = makeStyles(theme => ({
  heading: {
    fontWeight: theme.typography.fontWeightMedium as number,
    marginBottom: theme.spacing(1),
  },
  culprits: {
    display: 'block',
  },
  licenses: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li': {
      padding: theme.spacing(1, 0),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    '& > li:last-child': {
      borderBottom: 'none',
    },
  },
  licenseLine: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    '& > :first-child': {
      overflowWrap: 'anywhere',
      fontWeight: theme.typography.fontWeightMedium as number,
    },
  },
  bar: {
    height: 6,
    borderRadius: 3,
    marginTop: theme.spacing(0.5),
    backgroundColor: theme.palette.error.main,
    minWidth: 6,
  },
  clean: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(2, 0),
    '& svg': { color: theme.palette.success.main },
  },
}));

/**
 * The main offenders: the packages (by name and license) behind the most
 * open license violations, and the licenses behind them, by components
 * affected; with a CSV of every violation.
 */
export function OffendersPanel(props: { offenders: SbomOffenders }) {
  const { offenders } = props;
  const classes = useStyles();
  const table = useStackedTableStyles();
  const ospoApi = useApi(ospoApiRef);
  const exportCsv = useCallback(
    () => ospoApi.exportSbomViolationsCsv(),
    [ospoApi],
  );
  const mostAffected = Math.max(
    1,
    ...offenders.licenses.map(l => l.entityCount),
  );

  return (
    <>
      <ReportToolbar
        summary={
          offenders.violationCount === 0
            ? 'No open license violation'
            : `${plural(
                offenders.violationCount,
                'open license violation',
              )} in ${plural(offenders.affectedEntityCount, 'component')}`
        }
        action={
          <CsvExportButton
            fetchCsv={exportCsv}
            filename="ospo-sbom-license-violations.csv"
            label="Export violations"
          />
        }
      />
      {offenders.violationCount === 0 ? (
        <Typography variant="body2" className={classes.clean}>
          <CheckCircleIcon fontSize="small" aria-hidden />
          {`No dependency of the ${plural(
            offenders.scannedEntityCount,
            'component',
          )} with an SBOM is under a denied license.`}
        </Typography>
      ) : (
        <Grid container spacing={3}>
          <Grid
            item
            xs={12}
            md={8}
            component="section"
            aria-labelledby="ospo-sbom-packages"
          >
            <Typography
              variant="subtitle2"
              component="h3"
              id="ospo-sbom-packages"
              className={classes.heading}
            >
              Packages
              {offenders.packageCount > offenders.packages.length && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {` · the first ${offenders.packages.length} of ${formatCount(
                    offenders.packageCount,
                  )}`}
                </Typography>
              )}
            </Typography>
            <Table
              size="small"
              className={table.table}
              aria-label="Packages with license violations"
            >
              <TableHead>
                <TableRow>
                  <TableCell>Package</TableCell>
                  <TableCell>License</TableCell>
                  <TableCell align="right">Components affected</TableCell>
                  <TableCell align="right">Violations</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {offenders.packages.map(p => (
                  <TableRow key={`${p.name}\u0000${p.license}`}>
                    <TableCell component="th" scope="row" role="rowheader">
                      {p.name}
                    </TableCell>
                    <TableCell data-label="License">
                      <span>
                        {p.license}
                        {p.culprits.length > 0 &&
                          p.culprits.join(' ') !== p.license && (
                            <Typography
                              variant="caption"
                              color="textSecondary"
                              className={classes.culprits}
                            >
                              {`denied: ${p.culprits.join(', ')}`}
                            </Typography>
                          )}
                      </span>
                    </TableCell>
                    <TableCell
                      align="right"
                      data-label="Components affected"
                      className={table.number}
                    >
                      {formatCount(p.entityCount)}
                    </TableCell>
                    <TableCell
                      align="right"
                      data-label="Violations"
                      className={table.number}
                    >
                      {formatCount(p.violationCount)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Grid>
          <Grid
            item
            xs={12}
            md={4}
            component="section"
            aria-labelledby="ospo-sbom-licenses"
          >
            <Typography
              variant="subtitle2"
              component="h3"
              id="ospo-sbom-licenses"
              className={classes.heading}
            >
              By license
            </Typography>
            <ul
              className={classes.licenses}
              aria-labelledby="ospo-sbom-licenses"
            >
              {offenders.licenses.map(l => (
                <li key={l.license} data-license={l.license}>
                  <Box className={classes.licenseLine}>
                    <Typography variant="body2" component="span">
                      {l.license}
                    </Typography>
                    <Typography
                      variant="body2"
                      color="textSecondary"
                      component="span"
                      className={table.number}
                    >
                      {plural(l.entityCount, 'component')}
                    </Typography>
                  </Box>
                  <div
                    className={classes.bar}
                    style={{
                      width: `${(100 * l.entityCount) / mostAffected}%`,
                    }}
                    aria-hidden
                  />
                  <Typography variant="caption" color="textSecondary">
                    {`${plural(l.packageCount, 'package')} · ${plural(
                      l.violationCount,
                      'violation',
                    )}`}
                  </Typography>
                </li>
              ))}
            </ul>
            {offenders.licenseCount > offenders.licenses.length && (
              <Typography variant="caption" color="textSecondary">
                {`The first ${offenders.licenses.length} of ${formatCount(
                  offenders.licenseCount,
                )} licenses; the CSV has every violation.`}
              </Typography>
            )}
          </Grid>
        </Grid>
      )}
    </>
  );
}
