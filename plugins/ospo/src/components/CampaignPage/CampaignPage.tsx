import { useState } from 'react';
import { useParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  CampaignDepartmentProgress,
  CampaignStatus,
  CampaignTeamProgress,
} from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../../api';
import { useCampaign, useCampaignManager } from '../../hooks/useCampaigns';
import { rootRouteRef } from '../../routes';
import { serverErrorMessage } from '../../utils/errors';
import { CsvExportButton } from '../CsvExportButton';
import { BurnupChart } from './BurnupChart';

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

function teamLink(ref: string, title: string) {
  const { namespace, name } = parseEntityRef(ref);
  return <Link to={`/catalog/${namespace}/group/${name}`}>{title}</Link>;
}

const DEPARTMENT_COLUMNS: TableColumn<CampaignDepartmentProgress>[] = [
  { title: 'Department or team', render: d => teamLink(d.ref, d.title) },
  {
    title: 'Teams done',
    render: d => `${d.counts.teamsDone} of ${d.counts.teams}`,
  },
  { title: 'Overdue', render: d => d.counts.teamsOverdue },
  {
    title: 'Items done',
    render: d =>
      `${d.counts.itemsDone} of ${d.counts.items} (${percent(d.counts.ratio)})`,
  },
];

function teamColumns(
  departments: Map<string, string>,
): TableColumn<CampaignTeamProgress>[] {
  return [
    { title: 'Team', render: t => teamLink(t.teamRef, t.title) },
    {
      title: 'Department',
      render: t => departments.get(t.departmentRef) ?? t.departmentRef,
    },
    {
      title: 'Items done',
      render: t => `${t.itemsDone} of ${t.items} (${percent(t.ratio)})`,
    },
    {
      title: 'State',
      render: t => {
        if (t.done) return 'Done';
        return t.overdue ? 'Overdue' : 'Open';
      },
    },
  ];
}

/** The status changes staff may make from each status. */
const ACTIONS: Record<CampaignStatus, Array<[CampaignStatus, string]>> = {
  active: [
    ['closed', 'Close'],
    ['cancelled', 'Cancel campaign'],
  ],
  closed: [['active', 'Reopen']],
  cancelled: [['active', 'Reopen']],
};

/**
 * One campaign: its goal and dates, progress per department and team, the
 * burn-up of its completion, the overdue teams and a CSV export. OSPO staff
 * may close, cancel or reopen it.
 */
export function CampaignPage() {
  const { id = '' } = useParams();
  const ospoApi = useApi(ospoApiRef);
  const ospoRoot = useRouteRef(rootRouteRef)();
  const { value, loading, error, retry } = useCampaign(id);
  const manager = useCampaignManager();
  const [actionError, setActionError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const changeStatus = async (status: CampaignStatus) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await ospoApi.updateCampaign(id, { status });
      retry();
    } catch (e) {
      setActionError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  let content;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (loading && !value) {
    content = <Progress />;
  } else if (value) {
    const { progress, burnup } = value;
    const { campaign, totals } = progress;
    const departments = new Map(
      progress.departments.map(d => [d.ref, d.title]),
    );
    const titleOf = new Map(progress.teams.map(t => [t.teamRef, t.title]));
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <InfoCard title="Campaign">
            {campaign.goal && (
              <Typography paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {campaign.goal}
              </Typography>
            )}
            <Typography variant="body2">
              Checklist <strong>{campaign.checklistId}</strong>
              {campaign.itemIds
                ? `, items ${campaign.itemIds.join(', ')}`
                : ', every item'}
            </Typography>
            <Typography variant="body2">
              From {campaign.startDate} to{' '}
              <strong>{campaign.targetDate}</strong> · {campaign.status}
            </Typography>
            <Typography variant="body2">
              {totals.teamsDone} of {totals.teams} teams done ·{' '}
              {percent(totals.ratio)} of the items
            </Typography>
            <Box mt={2} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
              <CsvExportButton
                fetchCsv={() => ospoApi.exportCampaignProgressCsv(id)}
                filename="ospo-campaign.csv"
              />
              {manager.allowed &&
                ACTIONS[campaign.status].map(([status, label]) => (
                  <Button
                    key={status}
                    size="small"
                    variant="outlined"
                    disabled={busy}
                    onClick={() => changeStatus(status)}
                  >
                    {label}
                  </Button>
                ))}
            </Box>
            {actionError && (
              <Typography role="alert" color="error" variant="body2">
                {serverErrorMessage(actionError)}
              </Typography>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard title="Burn-up">
            <BurnupChart burnup={burnup} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title={`Overdue teams (${progress.overdueTeams.length})`}>
            {progress.overdueTeams.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                No team is overdue.
              </Typography>
            ) : (
              <ul aria-label="Overdue teams">
                {progress.overdueTeams.map(ref => (
                  <li key={ref}>{teamLink(ref, titleOf.get(ref) ?? ref)}</li>
                ))}
              </ul>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Table
            title="Departments"
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={DEPARTMENT_COLUMNS}
            data={progress.departments}
          />
        </Grid>
        <Grid item xs={12}>
          <Table
            title="Teams"
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={teamColumns(departments)}
            data={progress.teams}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={value?.progress.campaign.title ?? 'Campaign'}
        subtitle={<Link to={`${ospoRoot}/campaigns`}>All campaigns</Link>}
      />
      <Content>{content}</Content>
    </Page>
  );
}
