import { useCallback } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  SbomVulnerabilities,
  SbomVulnerabilitySummary,
  VULNERABILITY_SEVERITIES,
} from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../../api';
import { formatAge } from '../../utils/formatAge';
import { formatCount } from '../../utils/formatMetricValue';
import { formatDateTime } from '../../utils/formatRelativeTime';
import { isHttpUrl } from '../../utils/isHttpUrl';
import { CsvExportButton } from '../CsvExportButton';
import { RelativeTime } from '../RelativeTime';
import { VulnerabilitySeverityChip } from '../VulnerabilitySeverityChip';
import { plural, ReportToolbar } from './ReportToolbar';
import { useStackedTableStyles } from './useStackedTableStyles';

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(112px, 1fr))',
    gap: theme.spacing(2),
    margin: theme.spacing(0, 0, 2, 0),
    '& > div': {
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'flex-start',
      gap: theme.spacing(0.5),
    },
    '& dt': { margin: 0 },
    '& dd': { margin: 0 },
  },
  count: {
    fontSize: '1.75rem',
    lineHeight: 1.2,
    fontWeight: theme.typography.fontWeightMedium as number,
    fontVariantNumeric: 'tabular-nums',
  },
  oldest: {
    marginBottom: theme.spacing(2),
    overflowWrap: 'anywhere',
  },
  refs: {
    display: 'block',
    marginTop: theme.spacing(0.5),
  },
  fixes: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  id: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  clean: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(2, 0),
    '& svg': { color: theme.palette.success.main },
  },
}));

/** How many of the entities of a vulnerability are named; the rest counted. */
const NAMED_ENTITIES = 3;

/**
 * The open vulnerabilities of the organisation: how many of each severity,
 * the critical one open longest, and the worst first with the components
 * they affect, their fix and how long they have been open; with a CSV of
 * every finding.
 */
export function VulnerabilitiesPanel(props: {
  vulnerabilities: SbomVulnerabilities;
}) {
  const { vulnerabilities: report } = props;
  const classes = useStyles();
  const table = useStackedTableStyles();
  const ospoApi = useApi(ospoApiRef);
  const exportCsv = useCallback(
    () => ospoApi.exportSbomVulnerabilitiesCsv(),
    [ospoApi],
  );
  const { oldestCritical } = report;

  return (
    <>
      <ReportToolbar
        summary={
          report.totalCount === 0
            ? 'No open vulnerability'
            : `${plural(
                report.totalCount,
                'open vulnerability',
                'open vulnerabilities',
              )} in ${plural(report.affectedEntityCount, 'component')}`
        }
        action={
          <CsvExportButton
            fetchCsv={exportCsv}
            filename="ospo-sbom-vulnerabilities.csv"
            label="Export vulnerabilities"
          />
        }
      />
      <dl
        className={classes.counts}
        aria-label="Open vulnerabilities by severity"
      >
        {VULNERABILITY_SEVERITIES.map(severity => {
          const { vulnerabilityCount, entityCount } =
            report.bySeverity[severity];
          return (
            <div key={severity} data-severity={severity}>
              <dt>
                <VulnerabilitySeverityChip severity={severity} />
              </dt>
              <dd className={classes.count}>
                {formatCount(vulnerabilityCount)}
              </dd>
              <dd>
                <Typography variant="caption" color="textSecondary">
                  {entityCount === 0
                    ? 'none open'
                    : `in ${plural(entityCount, 'component')}`}
                </Typography>
              </dd>
            </div>
          );
        })}
      </dl>
      {oldestCritical && (
        <Alert severity="error" className={classes.oldest}>
          <AlertTitle>Oldest open critical vulnerability</AlertTitle>
          <strong>{oldestCritical.vulnerabilityId}</strong>
          {` in ${oldestCritical.packageName} of `}
          <EntityRefLink entityRef={oldestCritical.entityRef} hideIcon />
          {', open for '}
          <Tooltip
            title={`Since ${formatDateTime(oldestCritical.firstSeenAt)}`}
          >
            <time dateTime={oldestCritical.firstSeenAt}>
              {formatAge(oldestCritical.firstSeenAt)}
            </time>
          </Tooltip>
        </Alert>
      )}
      {report.items.length === 0 ? (
        <Typography variant="body2" className={classes.clean}>
          <CheckCircleIcon fontSize="small" aria-hidden />
          {`No known vulnerability in the dependencies of the ${plural(
            report.scannedEntityCount,
            'component',
          )} with an SBOM.`}
        </Typography>
      ) : (
        <>
          <Table
            size="small"
            className={table.table}
            aria-label="Open vulnerabilities"
          >
            <TableHead>
              <TableRow>
                <TableCell>Vulnerability</TableCell>
                <TableCell>Severity</TableCell>
                <TableCell>Components affected</TableCell>
                <TableCell>Fix</TableCell>
                <TableCell>Open since</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.items.map(item => (
                <VulnerabilityRow key={item.vulnerabilityId} item={item} />
              ))}
            </TableBody>
          </Table>
          {report.totalCount > report.items.length && (
            <Typography variant="caption" color="textSecondary">
              {`The ${report.items.length} worst of ${formatCount(
                report.totalCount,
              )} open vulnerabilities; the CSV has every finding.`}
            </Typography>
          )}
        </>
      )}
    </>
  );
}

function VulnerabilityRow(props: { item: SbomVulnerabilitySummary }) {
  const { item } = props;
  const classes = useStyles();
  const table = useStackedTableStyles();
  const named = item.entityRefs.slice(0, NAMED_ENTITIES);
  const more = item.entityCount - named.length;
  return (
    <TableRow data-vulnerability={item.vulnerabilityId}>
      <TableCell
        component="th"
        scope="row"
        role="rowheader"
        className={classes.id}
      >
        {item.url && isHttpUrl(item.url) ? (
          <Link to={item.url} target="_blank" rel="noopener noreferrer">
            {item.vulnerabilityId}
          </Link>
        ) : (
          item.vulnerabilityId
        )}
      </TableCell>
      <TableCell data-label="Severity">
        <VulnerabilitySeverityChip severity={item.severity} />
      </TableCell>
      <TableCell data-label="Components affected">
        <span>
          <span className={table.number}>{formatCount(item.entityCount)}</span>
          <Typography
            variant="caption"
            color="textSecondary"
            className={classes.refs}
          >
            {named.map((ref, i) => (
              <span key={ref}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={ref} hideIcon />
              </span>
            ))}
            {more > 0 && ` and ${formatCount(more)} more`}
          </Typography>
        </span>
      </TableCell>
      <TableCell data-label="Fix">
        <ul className={classes.fixes}>
          {item.packages.map(p => (
            <li key={p.name}>
              <Typography variant="body2" component="span">
                {p.fixedVersion ? (
                  `${p.name} → ${p.fixedVersion}`
                ) : (
                  <>
                    {`${p.name}: `}
                    <Typography
                      variant="body2"
                      color="textSecondary"
                      component="span"
                    >
                      no fix known
                    </Typography>
                  </>
                )}
              </Typography>
            </li>
          ))}
        </ul>
      </TableCell>
      <TableCell data-label="Open since" className={table.number}>
        <RelativeTime at={item.firstSeenAt} />
      </TableCell>
    </TableRow>
  );
}
