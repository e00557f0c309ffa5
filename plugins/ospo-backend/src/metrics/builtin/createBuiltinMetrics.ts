import { ChecklistDefinition } from '@ospo-kit/plugin-ospo-common';
import { OspoMetric } from '@ospo-kit/plugin-ospo-node';
import { ChecklistStore } from '../../checklists/ChecklistStore';
import { ConsultationStore } from '../../consultations/ConsultationStore';
import { Clock } from '../../database/Clock';
import { LicensePolicy } from '../LicensePolicy';
import { createCatalogMetrics } from './catalogMetrics';
import { createChecklistMetrics } from './checklistMetrics';
import { createConsultationMetrics } from './consultationMetrics';

/**
 * The plugin's own metrics, in the order they are shown.
 *
 * @internal
 */
export function createBuiltinMetrics(options: {
  licensePolicy: LicensePolicy;
  checklists: ChecklistDefinition[];
  checklistStore: ChecklistStore;
  /** The time checklist answers expire by: the database's. */
  clock: Clock;
  consultationStore: ConsultationStore;
  consultationPeriodDays: number;
  /** The OSPO's first-response target, in weekday hours. */
  consultationResponseTargetHours: number;
}): OspoMetric[] {
  return [
    ...createCatalogMetrics({ licensePolicy: options.licensePolicy }),
    ...createChecklistMetrics({
      checklists: options.checklists,
      store: options.checklistStore,
      clock: options.clock,
    }),
    ...createConsultationMetrics({
      store: options.consultationStore,
      periodDays: options.consultationPeriodDays,
      responseTargetHours: options.consultationResponseTargetHours,
    }),
  ];
}
