import { useCallback, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Breadcrumbs from '@material-ui/core/Breadcrumbs';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MetricDefinition,
  MetricScope,
  MetricValue,
  ORG_SCOPE,
} from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../../api';
import { useMetricScopeValues } from '../../hooks/useMetricScopeValues';
import { CHECKLIST_METRIC_IDS } from '../../utils/liveChecklistFigures';
import { CsvExportButton } from '../CsvExportButton';
import { MetricsRunTimes } from '../MetricsRunTimes';
import { MetricDefinitionButton } from '../TeamMetricsCard/MetricDefinitionButton';
import { MetricFigure } from '../TeamMetricsCard/MetricFigure';
import { TimedMetricFigure } from '../TeamMetricsCard/TimedMetricFigure';
import { ScopeValuesTable, isDepartment } from './ScopeValuesTable';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'flex',
    alignItems: 'center',
  },
  summary: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    margin: theme.spacing(1.5, 0),
  },
  actions: {
    padding: theme.spacing(1.5, 3),
    gap: theme.spacing(1),
  },
}));

/** A level of the drill-down: a scope whose Groups are listed. */
interface ScopeStep {
  ref: string;
  title: string;
  value?: MetricValue;
  /** The figure from the current data, known for the organisation only. */
  live?: MetricValue;
  /**
   * For the organisation, the root Groups passed over: a single department
   * at the top stands for the organisation, so the Groups below it are
   * listed instead.
   */
  roots?: MetricScope[];
}

/** The scope whose Groups a step lists. */
function listedRef(step: ScopeStep): string {
  return step.roots?.[step.roots.length - 1].ref ?? step.ref;
}

/**
 * Props of the {@link MetricDrillDownDialog}.
 */
export interface MetricDrillDownDialogProps {
  definition: MetricDefinition;
  /** The organisation's figure, shown above the top-level Groups. */
  orgValue?: MetricValue;
  /**
   * The organisation's figure from the current data, for a metric whose
   * inputs change between runs (checklist completion), when known.
   */
  orgLive?: MetricValue;
  /** When the next metrics run is due, if the backend can tell. */
  nextRunAt?: string;
  onClose: () => void;
}

/**
 * One metric by Group: the top-level Groups first, a department opens its
 * own Groups, breadcrumbs lead back up, teams link to their Group page; the
 * metric's values for every Group can be exported as CSV. It opens at the
 * first level with more than one Group: an organisation's root Group, alone
 * at the top, is passed over (and so is a chain of single departments below
 * it), as it holds the whole organisation.
 */
export function MetricDrillDownDialog(props: MetricDrillDownDialogProps) {
  const { definition, orgValue, orgLive, nextRunAt, onClose } = props;
  const classes = useStyles();
  const ospoApi = useApi(ospoApiRef);
  const [path, setPath] = useState<ScopeStep[]>([
    { ref: ORG_SCOPE, title: 'Organisation', value: orgValue, live: orgLive },
  ]);
  // Checklist figures change with every answer: the run's are labelled with
  // its time, as the heat map next to them shows the current answers.
  const timed = CHECKLIST_METRIC_IDS.has(definition.id);
  const current = path[path.length - 1];
  const { value, loading, error } = useMetricScopeValues(
    definition.id,
    listedRef(current),
  );
  // At the top, a lone department is the root: list the Groups below it.
  const lone = value?.items.length === 1 ? value.items[0].scope : undefined;
  const root =
    path.length === 1 &&
    !loading &&
    !error &&
    lone &&
    isDepartment(lone) &&
    lone.ref !== current.ref &&
    !current.roots?.some(r => r.ref === lone.ref)
      ? lone
      : undefined;
  useEffect(() => {
    if (root) {
      setPath(([top]) => [{ ...top, roots: [...(top.roots ?? []), root] }]);
    }
  }, [root]);
  const drill = useCallback(
    (scope: MetricScope, scopeValue: MetricValue) =>
      setPath(steps => [
        ...steps,
        { ref: scope.ref, title: scope.title, value: scopeValue },
      ]),
    [],
  );
  const exportCsv = useCallback(
    () => ospoApi.exportMetricValuesCsv(definition.id),
    [ospoApi, definition.id],
  );
  const titleId = 'ospo-metric-drill-down-title';

  let content;
  // Never the previous level's Groups under the new breadcrumb, nor the root
  // about to be passed over.
  if (loading || root) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title={`No Groups below ${current.title}`}
        description="The latest metrics run found no Group here to measure."
      />
    );
  } else {
    content = (
      <>
        <ScopeValuesTable
          definition={definition}
          items={value.items}
          onDrill={drill}
        />
        {current.roots && (
          <Box mt={1}>
            <Typography variant="caption" color="textSecondary">
              {`The Groups below ${current.roots
                .map(r => r.title)
                .join(' › ')}, which holds the whole organisation.`}
            </Typography>
          </Box>
        )}
        {value.computedAt && (
          <Box mt={1}>
            <Typography variant="caption" color="textSecondary">
              <MetricsRunTimes
                computedAt={value.computedAt}
                nextRunAt={nextRunAt}
              />
              {timed &&
                '. The Groups’ figures are the run’s; the checklist heat map shows the current answers.'}
            </Typography>
          </Box>
        )}
      </>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId} disableTypography>
        <Box className={classes.title}>
          <Typography variant="h6" component="h2">
            {`${definition.title} by department`}
          </Typography>
          <MetricDefinitionButton definition={definition} />
        </Box>
      </DialogTitle>
      <DialogContent dividers>
        <Breadcrumbs aria-label="Where in the organisation">
          {path.map((step, index) =>
            index < path.length - 1 ? (
              <MuiLink
                key={step.ref}
                component="button"
                variant="body2"
                onClick={() => setPath(path.slice(0, index + 1))}
              >
                {step.title}
              </MuiLink>
            ) : (
              <Typography
                key={step.ref}
                variant="body2"
                color="textPrimary"
                aria-current="page"
              >
                {step.title}
              </Typography>
            ),
          )}
        </Breadcrumbs>
        <Box className={classes.summary}>
          <Typography variant="body2" color="textSecondary">
            {current.title} as a whole:
          </Typography>
          <span data-testid="drill-down-summary">
            {timed && current.value ? (
              <TimedMetricFigure
                definition={definition}
                value={current.value}
                live={current.live}
                computedAt={current.value.computedAt}
              />
            ) : (
              <MetricFigure definition={definition} value={current.value} />
            )}
          </span>
        </Box>
        {content}
      </DialogContent>
      <DialogActions className={classes.actions}>
        <CsvExportButton
          fetchCsv={exportCsv}
          filename={`${definition.id}.csv`}
          label="Export CSV (every Group)"
        />
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
