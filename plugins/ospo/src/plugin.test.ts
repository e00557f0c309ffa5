import { ospoPlugin } from './plugin';
import { ospoApiRef } from './api';

describe('ospoPlugin', () => {
  it('provides the OSPO API', () => {
    expect(ospoPlugin.getId()).toBe('ospo');
    expect([...ospoPlugin.getApis()].map(factory => factory.api)).toContain(
      ospoApiRef,
    );
  });
});
