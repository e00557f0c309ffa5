import { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import Skeleton from '@material-ui/lab/Skeleton';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { useChecklistTarget } from '../../hooks/useChecklistTarget';
import { useConsultationSummary } from '../../hooks/useConsultationSummary';
import { useLatestMetrics } from '../../hooks/useLatestMetrics';
import { useSbomReports } from '../../hooks/useSbomReports';
import { useTeamsBelowTarget } from '../../hooks/useTeamsBelowTarget';
import { rootRouteRef } from '../../routes';
import { formatCount, formatMetricValue } from '../../utils/formatMetricValue';

/** The ids of the dashboard's sections the strip links to. */
export const WHERE_TO_ACT_SECTION_ID = 'ospo-where-to-act';
export const DEPENDENCIES_SECTION_ID = 'ospo-dependencies';
export const CHECKLISTS_SECTION_ID = 'ospo-checklists';
/** The strip's heading, which names it: it is on the page once. */
const HEADING_ID = 'ospo-needs-attention';

type Tone = 'error' | 'warning';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
    padding: theme.spacing(1.25, 2),
    borderLeft: `4px solid ${theme.palette.warning.main}`,
    [theme.breakpoints.down('xs')]: {
      gap: theme.spacing(0.75),
      padding: theme.spacing(1, 1.25),
    },
  },
  clear: {
    borderLeftColor: theme.palette.success.main,
  },
  heading: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
  },
  warningIcon: { color: theme.palette.warning.main },
  clearIcon: { color: theme.palette.success.main },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    [theme.breakpoints.down('xs')]: {
      gap: theme.spacing(0.75),
    },
    listStyle: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  item: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minHeight: 32,
    padding: theme.spacing(0.5, 0.5, 0.5, 0.5),
    borderRadius: 16,
    border: '1px solid',
    color: theme.palette.text.primary,
    textDecoration: 'none',
    ...theme.typography.body2,
    transition: theme.transitions.create('background-color'),
    '&:hover, &:focus-visible': { textDecoration: 'none' },
    // One under the other on a phone: as little height as it takes.
    [theme.breakpoints.down('xs')]: {
      minHeight: 28,
      gap: theme.spacing(0.75),
      padding: theme.spacing(0.25, 0.5, 0.25, 0.25),
      fontSize: '0.8125rem',
    },
  },
  count: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: 24,
    height: 24,
    padding: theme.spacing(0, 0.75),
    borderRadius: 12,
    fontWeight: theme.typography.fontWeightBold as number,
    fontVariantNumeric: 'tabular-nums',
    [theme.breakpoints.down('xs')]: {
      minWidth: 22,
      height: 22,
      borderRadius: 11,
    },
  },
  chevron: {
    fontSize: 18,
    marginLeft: theme.spacing(-0.5),
    opacity: 0.7,
  },
  error: toneStyles(theme.palette.error.main, theme.palette.error.contrastText),
  warning: toneStyles(
    theme.palette.warning.main,
    theme.palette.warning.contrastText,
  ),
  note: {
    color: theme.palette.text.secondary,
  },
}));

function toneStyles(main: string, contrastText: string) {
  return {
    borderColor: alpha(main, 0.5),
    backgroundColor: alpha(main, 0.08),
    '&:hover, &:focus-visible': { backgroundColor: alpha(main, 0.18) },
    '& $count': { backgroundColor: main, color: contrastText },
  };
}

interface AttentionItem {
  key: string;
  count: string;
  label: string;
  /** Read out after the label, and shown on hover. */
  detail: string;
  to: string;
  tone: Tone;
  /** A section of this page to bring into view. */
  sectionId?: string;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** Brings a section of the page into view once the link has navigated. */
function scrollToSection(id: string) {
  window.setTimeout(() => {
    document
      .getElementById(id)
      ?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  });
}

/** The built-in metric of the components under a denied license. */
const DENIED_LICENSES_METRIC = 'license.denied';

/**
 * Props of the {@link NeedsAttentionStrip}.
 */
export interface NeedsAttentionStripProps {
  /** Changes when a metrics run finished, to load the figures again. */
  version?: number;
}

/**
 * The dashboard's first line: what needs the OSPO now, each a count leading
 * to where to act — requests past their first-response target, components
 * under a denied license (the latest metrics run's, as the tile below says)
 * and dependencies under one (from the SBOMs), teams below the checklist
 * target (`ospo.dashboard.checklistTarget`). Only what is not zero is shown;
 * "Nothing needs attention" when nothing is. It reads what the cards below
 * read, through the page's shared requests: no request of its own, except a
 * longer page of the heat map when more teams are below the target than
 * "Where to act" lists.
 */
export function NeedsAttentionStrip(props: NeedsAttentionStripProps) {
  const classes = useStyles();
  const ospoRoot = useRouteRef(rootRouteRef)();
  const location = useLocation();
  const target = useChecklistTarget();
  const summary = useConsultationSummary();
  const latest = useLatestMetrics(ORG_SCOPE, props.version);
  const sbom = useSbomReports();
  const teams = useTeamsBelowTarget(target);
  const targetText = formatMetricValue(target, 'ratio');

  const items: AttentionItem[] = [];
  const overdue = summary.value?.overdue ?? 0;
  if (overdue > 0) {
    items.push({
      key: 'overdue',
      count: formatCount(overdue),
      label: plural(overdue, 'overdue request', 'overdue requests'),
      detail: 'past the first-response target, in the consultation queue',
      to: `${ospoRoot}/consultations`,
      tone: 'error',
    });
  }
  const denied = latest.value?.values.find(
    v => v.metricId === DENIED_LICENSES_METRIC,
  )?.value;
  if (denied !== undefined && denied > 0) {
    items.push({
      key: 'licenses',
      count: formatCount(denied),
      label: `${plural(
        denied,
        'component',
        'components',
      )} under a denied license`,
      detail: 'by its own license, as of the latest metrics run',
      to: `${location.pathname}${location.search}#${WHERE_TO_ACT_SECTION_ID}`,
      tone: 'error',
      sectionId: WHERE_TO_ACT_SECTION_ID,
    });
  }
  const offenders = sbom.value?.offenders;
  if (offenders && offenders.violationCount > 0) {
    const components = offenders.affectedEntityCount;
    items.push({
      key: 'dependencies',
      count: formatCount(offenders.violationCount),
      label: `${plural(
        offenders.violationCount,
        'dependency',
        'dependencies',
      )} under a denied license`,
      detail: `in the latest SBOMs of ${formatCount(components)} ${plural(
        components,
        'component',
        'components',
      )}`,
      to: `${location.pathname}${location.search}#${DEPENDENCIES_SECTION_ID}`,
      tone: 'error',
      sectionId: DEPENDENCIES_SECTION_ID,
    });
  }
  const below = teams.value;
  if (below && below.count > 0) {
    // The heat map below, lowest completion first, on its first page.
    const search = new URLSearchParams(location.search);
    search.set('sort', 'completion');
    search.set('order', 'asc');
    search.delete('page');
    items.push({
      key: 'teams',
      count: `${formatCount(below.count)}${below.atLeast ? '+' : ''}`,
      label: `${plural(below.count, 'team', 'teams')} below ${targetText}`,
      detail: 'of their checklist items done',
      to: `${location.pathname}?${search}#${CHECKLISTS_SECTION_ID}`,
      tone: 'warning',
      sectionId: CHECKLISTS_SECTION_ID,
    });
  }

  const sources = [summary, latest, sbom, teams];
  const loading = sources.filter(s => s.loading && !s.value).length;
  const failed = sources.some(s => s.error);
  const clear = items.length === 0 && loading === 0 && !failed;

  let body: ReactNode;
  if (clear) {
    body = (
      <Typography variant="body2" className={classes.note}>
        {`No overdue requests, no denied licenses, every team at ${targetText} or more.`}
      </Typography>
    );
  } else {
    body = (
      <ul className={classes.list}>
        {items.map(item => (
          <li key={item.key}>
            <Link
              to={item.to}
              underline="none"
              color="inherit"
              className={`${classes.item} ${classes[item.tone]}`}
              title={`${item.count} ${item.label} ${item.detail}`}
              onClick={
                item.sectionId
                  ? () => scrollToSection(item.sectionId!)
                  : undefined
              }
            >
              <span className={classes.count}>{item.count}</span>
              <span>{item.label}</span>
              <ChevronRightIcon className={classes.chevron} aria-hidden />
            </Link>
          </li>
        ))}
        {Array.from({ length: loading }, (_, i) => (
          <li key={`loading-${i}`} aria-hidden>
            <Skeleton
              variant="rect"
              width={148}
              height={32}
              style={{ borderRadius: 16 }}
            />
          </li>
        ))}
        {items.length === 0 && loading === 0 && failed && (
          <li>
            <Typography variant="body2" className={classes.note}>
              Some figures could not be loaded: see the cards below.
            </Typography>
          </li>
        )}
      </ul>
    );
  }

  return (
    <Paper
      component="section"
      aria-labelledby={HEADING_ID}
      aria-busy={loading > 0}
      className={`${classes.root} ${clear ? classes.clear : ''}`}
    >
      <Typography
        id={HEADING_ID}
        variant="body1"
        component="h2"
        className={classes.heading}
      >
        {clear ? (
          <CheckCircleIcon className={classes.clearIcon} aria-hidden />
        ) : (
          <ErrorOutlineIcon className={classes.warningIcon} aria-hidden />
        )}
        {clear ? 'Nothing needs attention' : 'Needs attention'}
      </Typography>
      {body}
    </Paper>
  );
}
