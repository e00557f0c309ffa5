import { screen, waitFor } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { DENY } from '../../__testUtils__/renderOspoCard';
import {
  makeCheckResult,
  makeEntityChecks,
} from '../../__testUtils__/checkFixtures';
import { ospoTestApis } from '../../__testUtils__/ospoTestApis';
import { EntityChecksSection } from './EntityChecksSection';

// A file of its own: usePermission caches decisions per permission for the
// whole test file, and this test denies what the others allow.

describe('EntityChecksSection permissions', () => {
  it('offers to consult the OSPO about a verdict only to those who may file requests', async () => {
    const decide = jest.fn(() => DENY);
    await renderInTestApp(
      <TestApiProvider apis={ospoTestApis({ permission: decide })}>
        <EntityChecksSection
          entityRef="component:default/checkout-service"
          checks={makeEntityChecks([
            makeCheckResult('known-vulnerabilities', 'fail', {
              title: 'Known vulnerabilities',
              consultTopic: 'vulnerability',
            }),
          ])}
        />
      </TestApiProvider>,
    );
    await waitFor(() => expect(decide).toHaveBeenCalled());
    expect(screen.getByText('Known vulnerabilities')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Consult the OSPO/ }),
    ).not.toBeInTheDocument();
  });
});
