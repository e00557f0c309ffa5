import { Route, Routes } from 'react-router-dom';
import { ConsultationQueuePage } from '../ConsultationQueuePage';
import { OspoDashboardPage } from '../OspoDashboardPage';

/**
 * The OSPO's pages under the route the app mounts them at (`/ospo`): the
 * org-wide dashboard, and the consultation queue at `consultations`.
 *
 * @public
 */
export function OspoPage() {
  return (
    <Routes>
      <Route path="/" element={<OspoDashboardPage />} />
      <Route path="/consultations" element={<ConsultationQueuePage />} />
    </Routes>
  );
}
