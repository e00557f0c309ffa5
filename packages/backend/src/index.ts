/*
 * The demo backend of OSPO for Backstage: the catalog with the example
 * organisation, sign-in as demo personas, the OSPO plugin with its
 * recommended permission policy, the Scaffolder with the OSPO's actions, and
 * an MCP server for AI assistants.
 */

import { createBackend } from '@backstage/backend-defaults';
import { demoPersonaAuthModule } from './modules/demoPersonaAuthModule';
import { ospoPermissionPolicyModule } from '@ospo-kit/plugin-ospo-backend';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: demo personas (see README); replace with your identity provider.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(demoPersonaAuthModule);

// Catalog, with the example organisation from app-config.yaml
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Template entities, for the Scaffolder below
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// Permissions, with the OSPO's recommended policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(ospoPermissionPolicyModule);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// OSPO for Backstage
backend.add(import('@ospo-kit/plugin-ospo-backend'));

// Software Templates, with the OSPO's actions (ospo:consultation:create,
// ospo:checklist:status)
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@ospo-kit/plugin-scaffolder-backend-module-ospo'));

// MCP server for AI assistants, exposing the actions of app-config.yaml
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
