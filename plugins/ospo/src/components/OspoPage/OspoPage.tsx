import { Route, Routes } from 'react-router-dom';
import { CampaignPage } from '../CampaignPage';
import { CampaignsPage } from '../CampaignsPage';
import {
  ConsultationQueuePage,
  ConsultationRequestRoute,
} from '../ConsultationQueuePage';
import { OspoDashboardPage } from '../OspoDashboardPage';

/**
 * The OSPO's pages under the route the app mounts them at (`/ospo`): the
 * org-wide dashboard, the consultation queue at `consultations`, each
 * request at `consultations/:id`, opened over the queue, and the campaigns
 * at `campaigns` and `campaigns/:id`.
 *
 * @public
 */
export function OspoPage() {
  return (
    <Routes>
      <Route path="/" element={<OspoDashboardPage />} />
      <Route path="/consultations" element={<ConsultationQueuePage />}>
        <Route path=":id" element={<ConsultationRequestRoute />} />
      </Route>
      <Route path="/campaigns" element={<CampaignsPage />} />
      <Route path="/campaigns/:id" element={<CampaignPage />} />
    </Routes>
  );
}
