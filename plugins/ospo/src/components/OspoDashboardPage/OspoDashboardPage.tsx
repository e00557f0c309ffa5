import { useCallback, useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import {
  Content,
  ContentHeader,
  Header,
  LinkButton,
  Page,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ChecklistMatrix, ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';
import { rootRouteRef } from '../../routes';
import { SharedRequestsProvider } from '../../hooks/sharedRequests';
import {
  LiveChecklistFigures,
  liveChecklistFigures,
} from '../../utils/liveChecklistFigures';
import { ChecklistHeatMapCard } from '../ChecklistHeatMapCard';
import { ConsultationSummaryCard } from '../ConsultationSummaryCard';
import { MetricTilesCard } from '../MetricTilesCard';
import {
  CHECKLISTS_SECTION_ID,
  DEPENDENCIES_SECTION_ID,
  NeedsAttentionStrip,
  WHERE_TO_ACT_SECTION_ID,
} from '../NeedsAttentionStrip';
import { SbomReportsCard } from '../SbomReportsCard';
import { WhereToActCard } from '../WhereToActCard';
import { RefreshMetricsButton } from './RefreshMetricsButton';

/**
 * Props of the {@link OspoDashboardPage}.
 */
export interface OspoDashboardPageProps {
  /** How often a running metrics run is checked on; for tests. */
  pollIntervalMs?: number;
}

/**
 * The OSPO's org-wide dashboard at `/ospo`: what needs attention first, then
 * metrics, the consultation queue,
 * where to act next, the dependencies' license violations and
 * vulnerabilities from SBOMs, and the checklist heat map of every team. Everyone
 * signed in can read it; OSPO staff can start a metrics run.
 *
 * @public
 */
export function OspoDashboardPage(props: OspoDashboardPageProps) {
  // The strip on top reads what the cards below read: one request each.
  return (
    <SharedRequestsProvider>
      <Dashboard {...props} />
    </SharedRequestsProvider>
  );
}

function Dashboard(props: OspoDashboardPageProps) {
  // Bumped when a metrics run finishes, so the metrics load again.
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion(v => v + 1), []);
  // The organisation's checklist figures from the current answers, from the
  // heat map "Where to act" reads anyway: the metric tiles show them next to
  // the run's, which the heat map below would otherwise contradict.
  const [liveChecklists, setLiveChecklists] = useState<LiveChecklistFigures>();
  const onChecklistMatrix = useCallback(
    (matrix: ChecklistMatrix) =>
      setLiveChecklists(
        liveChecklistFigures(matrix, ORG_SCOPE, new Date().toISOString()),
      ),
    [],
  );

  const ospoRoot = useRouteRef(rootRouteRef)();

  return (
    <Page themeId="tool">
      <Header title="Open Source Program Office" subtitle="Dashboard" />
      <Content>
        <Box mb={3}>
          <NeedsAttentionStrip version={version} />
        </Box>
        <ContentHeader title="Where the organisation stands">
          <Box mr={2}>
            <LinkButton to={`${ospoRoot}/campaigns`} variant="outlined">
              Campaigns
            </LinkButton>
          </Box>
          <RefreshMetricsButton
            onRunFinished={reload}
            pollIntervalMs={props.pollIntervalMs}
          />
        </ContentHeader>
        <Grid container spacing={3} alignItems="stretch">
          <Grid item xs={12}>
            <MetricTilesCard
              version={version}
              liveChecklists={liveChecklists}
            />
          </Grid>
          <Grid item xs={12} md={4}>
            <ConsultationSummaryCard variant="gridItem" />
          </Grid>
          <Grid item xs={12} md={8} id={WHERE_TO_ACT_SECTION_ID}>
            <WhereToActCard
              version={version}
              variant="gridItem"
              onChecklistMatrix={onChecklistMatrix}
            />
          </Grid>
          <Grid item xs={12} id={DEPENDENCIES_SECTION_ID}>
            <SbomReportsCard />
          </Grid>
          <Grid item xs={12} id={CHECKLISTS_SECTION_ID}>
            <ChecklistHeatMapCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
