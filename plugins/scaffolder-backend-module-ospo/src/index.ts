/**
 * Scaffolder actions of the OSPO plugin: file a consultation request and read
 * an entity's checklist status from a Software Template, as the template's
 * user.
 *
 * @packageDocumentation
 */

export { scaffolderModuleOspo as default } from './module';
export { createOspoConsultationCreateAction } from './actions/createConsultationAction';
export { createOspoChecklistStatusAction } from './actions/checklistStatusAction';
