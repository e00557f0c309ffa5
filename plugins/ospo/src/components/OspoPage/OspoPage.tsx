import { Navigate, Route, Routes } from 'react-router-dom';
import { ConsultationQueuePage } from '../ConsultationQueuePage';

/**
 * The OSPO's pages under the route the app mounts them at (`/ospo`). The
 * index goes to the consultations until the org-wide dashboard takes it.
 *
 * @public
 */
export function OspoPage() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="consultations" replace />} />
      <Route path="/consultations" element={<ConsultationQueuePage />} />
    </Routes>
  );
}
