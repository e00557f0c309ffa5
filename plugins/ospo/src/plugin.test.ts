import {
  EntityConsultOspoCard,
  EntityTeamMetricsCard,
  OspoPage,
  ospoPlugin,
} from './plugin';
import { ospoApiRef } from './api';
import { rootRouteRef } from './routes';

describe('ospoPlugin', () => {
  it('provides the OSPO API', () => {
    expect(ospoPlugin.getId()).toBe('ospo');
    expect([...ospoPlugin.getApis()].map(factory => factory.api)).toContain(
      ospoApiRef,
    );
  });

  it('mounts its pages at the root route', () => {
    expect(ospoPlugin.routes.root).toBe(rootRouteRef);
    expect(OspoPage).toBeDefined();
    expect(EntityConsultOspoCard).toBeDefined();
    expect(EntityTeamMetricsCard).toBeDefined();
  });
});
