import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorApiRef, storageApiRef } from '@backstage/core-plugin-api';
import {
  MockErrorApi,
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { OspoSettingsCard } from './OspoSettingsCard';

async function render(
  storageApi: ReturnType<typeof mockApis.storage>,
  errorApi = new MockErrorApi({ collect: true }),
) {
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [storageApiRef, storageApi],
        [errorApiRef, errorApi],
      ]}
    >
      <OspoSettingsCard />
    </TestApiProvider>,
  );
  const toggle = screen.getByRole('checkbox', {
    name: 'Toasts for new consultation requests',
  });
  return { ...rendered, toggle, errorApi };
}

const mutedIn = (storageApi: ReturnType<typeof mockApis.storage>) =>
  storageApi.forBucket('ospo').snapshot<boolean>('toastsMuted').value;

describe('OspoSettingsCard', () => {
  it('mutes and unmutes the toasts, keeping the choice in the user storage', async () => {
    const storageApi = mockApis.storage();
    const user = userEvent.setup();
    const { toggle, unmount } = await render(storageApi);
    expect(screen.getByText('OSPO')).toBeInTheDocument();
    expect(toggle).toBeChecked();

    await user.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(mutedIn(storageApi)).toBe(true);

    // Read back on the next visit.
    unmount();
    const again = await render(storageApi);
    expect(again.toggle).not.toBeChecked();

    await user.click(again.toggle);
    await waitFor(() => expect(again.toggle).toBeChecked());
    expect(mutedIn(storageApi)).toBe(false);
  });

  it('reports a setting that could not be saved', async () => {
    const storageApi = mockApis.storage();
    const bucket = storageApi.forBucket('ospo');
    jest.spyOn(storageApi, 'forBucket').mockReturnValue(
      Object.assign(Object.create(bucket), {
        set: () => Promise.reject(new Error('storage is down')),
      }),
    );
    const user = userEvent.setup();
    const { toggle, errorApi } = await render(storageApi);

    await user.click(toggle);
    await waitFor(() =>
      expect(errorApi.getErrors().map(e => e.error.message)).toEqual([
        'storage is down',
      ]),
    );
    expect(toggle).toBeChecked();
  });
});
