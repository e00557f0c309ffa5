import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  EntityPresentationApi,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ChangeAttribution } from './ChangeAttribution';

/** The catalog's presentation of users, as the catalog plugin provides it. */
const presentation: EntityPresentationApi = {
  forEntity(entityOrRef) {
    const ref = String(entityOrRef);
    const snapshot = {
      entityRef: ref,
      primaryTitle: ref === 'user:default/lee' ? 'Lee Tanaka' : ref,
      secondaryTitle: ref,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

describe('ChangeAttribution', () => {
  it('names the user by their display name, with the ref on hover', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <ChangeAttribution
          verb="changed by"
          userRef="user:default/lee"
          at={new Date(Date.now() - 60 * 60 * 1000).toISOString()}
        />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    const link = screen.getByRole('link', { name: 'Lee Tanaka' });
    expect(link).toHaveAttribute('href', '/catalog/default/user/lee');
    expect(link.closest('span')).toHaveTextContent(
      'changed by Lee Tanaka · 1 hour ago',
    );
    // The catalog's own tooltip, after its delay of 1.5 s.
    await userEvent.setup().hover(screen.getByText('Lee Tanaka'));
    expect(
      await screen.findByRole('tooltip', {}, { timeout: 5000 }),
    ).toHaveTextContent('user:default/lee');
  });

  it('shows a ref it cannot parse as it is', async () => {
    await renderInTestApp(
      <ChangeAttribution
        verb="answered by"
        userRef=""
        at="2026-01-01T00:00:00Z"
      />,
    );
    expect(screen.getByText(/answered by/)).toBeInTheDocument();
  });
});
