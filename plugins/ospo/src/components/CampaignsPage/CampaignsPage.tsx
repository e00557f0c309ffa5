import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import {
  Content,
  ContentHeader,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { CampaignSummary } from '@ospo-kit/plugin-ospo-common';
import { useCampaignManager, useCampaigns } from '../../hooks/useCampaigns';
import { rootRouteRef } from '../../routes';
import { NewCampaignDialog } from './NewCampaignDialog';

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/**
 * Every campaign of the OSPO with its dates and progress; OSPO staff start
 * new ones from here.
 */
export function CampaignsPage() {
  const ospoRoot = useRouteRef(rootRouteRef)();
  const navigate = useNavigate();
  const { value, loading, error } = useCampaigns();
  const manager = useCampaignManager();
  const [creating, setCreating] = useState(false);

  const columns: TableColumn<CampaignSummary>[] = [
    {
      title: 'Campaign',
      render: s => (
        <Link to={`${ospoRoot}/campaigns/${s.campaign.id}`}>
          {s.campaign.title}
        </Link>
      ),
    },
    { title: 'Status', render: s => s.campaign.status },
    { title: 'Start', render: s => s.campaign.startDate },
    { title: 'Target', render: s => s.campaign.targetDate },
    {
      title: 'Teams done',
      render: s => `${s.totals.teamsDone} of ${s.totals.teams}`,
    },
    { title: 'Items done', render: s => percent(s.totals.ratio) },
    { title: 'Overdue teams', render: s => s.totals.teamsOverdue },
  ];

  let content;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (loading && !value) {
    content = <Progress />;
  } else {
    content = (
      <Table
        title="Campaigns"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={value ?? []}
        emptyContent={<div style={{ padding: 16 }}>No campaigns yet.</div>}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="OSPO campaigns"
        subtitle={<Link to={ospoRoot}>OSPO dashboard</Link>}
      />
      <Content>
        <ContentHeader title="">
          {manager.allowed && (
            <Button
              variant="contained"
              color="primary"
              startIcon={<AddIcon />}
              onClick={() => setCreating(true)}
            >
              New campaign
            </Button>
          )}
        </ContentHeader>
        {content}
        {creating && (
          <NewCampaignDialog
            open
            onClose={() => setCreating(false)}
            onCreated={campaign =>
              navigate(`${ospoRoot}/campaigns/${campaign.id}`)
            }
          />
        )}
      </Content>
    </Page>
  );
}
