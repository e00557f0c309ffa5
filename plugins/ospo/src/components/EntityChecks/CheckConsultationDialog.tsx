import { useCallback } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Consultation, EntityCheckResult } from '@ospo-kit/plugin-ospo-common';
import { useOspoOffice } from '../../hooks/useOspoOffice';
import { RequestConsultationDialog } from '../ConsultOspoCard/RequestConsultationDialog';

/**
 * The consultation form, filled in from a check's verdict: its topic, the
 * check and why as the summary, the fix as the details.
 */
export function CheckConsultationDialog(props: {
  entityRef: string;
  /** How people know the entity; its name unless given. */
  entityTitle?: string;
  result: EntityCheckResult;
  onClose: () => void;
}) {
  const { entityRef, result, onClose } = props;
  const entityTitle = props.entityTitle ?? parseEntityRef(entityRef).name;
  const office = useOspoOffice();
  const alertApi = useApi(alertApiRef);
  const handleSent = useCallback(
    (consultation: Consultation) => {
      onClose();
      alertApi.post({
        message: `Your request “${consultation.summary}” was sent to the OSPO`,
        severity: 'success',
        display: 'transient',
      });
    },
    [onClose, alertApi],
  );
  // The topics decide which one the form starts with: wait for them.
  if (!office.value) return null;
  return (
    <RequestConsultationDialog
      entityRef={entityRef}
      entityTitle={entityTitle}
      topics={office.value.topics}
      initial={{
        topic: result.consultTopic,
        summary: `${result.title}: ${result.reason}`,
        details: result.fix,
      }}
      onClose={onClose}
      onSent={handleSent}
    />
  );
}
