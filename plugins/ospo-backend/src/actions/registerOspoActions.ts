import { AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ChecklistService } from '../checklists/ChecklistService';
import { ConsultationService } from '../consultations/ConsultationService';
import { EntityStatusService } from '../entities/EntityStatusService';
import { registerConsultationActions } from './registerConsultationActions';
import { registerEntityStatusAction } from './registerEntityStatusAction';
import { registerTeamChecklistAction } from './registerTeamChecklistAction';

/**
 * Registers the OSPO's actions (for AI assistants through the MCP actions
 * backend, among others) on the services the REST routes use: every action
 * is authorised and audited as its route is, as the invoking caller.
 *
 * @internal
 */
export function registerOspoActions(options: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  entities: EntityStatusService;
  checklists: ChecklistService;
  consultations: ConsultationService;
}): void {
  const { actionsRegistry } = options;
  registerEntityStatusAction(actionsRegistry, options.entities);
  registerTeamChecklistAction(actionsRegistry, options.checklists);
  registerConsultationActions(actionsRegistry, options);
}
