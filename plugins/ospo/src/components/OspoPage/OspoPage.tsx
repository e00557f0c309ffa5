import { Route, Routes } from 'react-router-dom';
import {
  ConsultationQueuePage,
  ConsultationRequestRoute,
} from '../ConsultationQueuePage';
import { OspoDashboardPage } from '../OspoDashboardPage';

/**
 * The OSPO's pages under the route the app mounts them at (`/ospo`): the
 * org-wide dashboard, the consultation queue at `consultations`, and each
 * request at `consultations/:id`, opened over the queue.
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
    </Routes>
  );
}
