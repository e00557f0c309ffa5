import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  OSPO_BASE_URL,
  daysAgo,
  makeConsultationEvent,
  makeConsultationWithEvents,
  makeErrorBody,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import { DENY } from '../../__testUtils__/renderOspoCard';
import { renderOspoPage } from '../../__testUtils__/renderOspoPage';
import { ConsultationDetailDialog } from './ConsultationDetailDialog';

jest.setTimeout(20_000);

// Nobody here is OSPO staff; a file of its own because usePermission caches
// its decision for the whole file.

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const id = '6f1c9a52-0d5e-4a55-9a58-1f6a3c1e2b01';
const url = `${OSPO_BASE_URL}/consultations/${id}`;

async function renderDialog(userEntityRef: string) {
  const permissions: string[] = [];
  await renderOspoPage(
    <ConsultationDetailDialog
      consultationId={id}
      topics={ospoOffice.topics}
      onClose={jest.fn()}
    />,
    {
      userEntityRef,
      permission: request => {
        permissions.push(request.permission.name);
        return DENY;
      },
    },
  );
  return {
    dialog: within(await screen.findByRole('dialog')),
    permissions,
  };
}

describe('ConsultationDetailDialog for people outside the OSPO', () => {
  it('lets the requester comment and withdraw, without staff actions', async () => {
    let consultation = makeConsultationWithEvents({
      requesterRef: 'user:default/lee',
    });
    let transition: unknown;
    server.use(
      http.get(url, () => HttpResponse.json(consultation)),
      http.post(`${url}/transitions`, async ({ request }) => {
        transition = await request.json();
        consultation = {
          ...consultation,
          status: 'withdrawn',
          resolution: 'Solved it ourselves.',
        };
        return HttpResponse.json(consultation);
      }),
    );
    const user = userEvent.setup();
    const { dialog, permissions } = await renderDialog('user:default/lee');

    expect(await dialog.findByLabelText('Add a comment')).toBeInTheDocument();
    // Staff actions would show once the decision is in; it is a denial.
    await waitFor(() =>
      expect(permissions).toContain('ospo.consultation.manage'),
    );
    for (const name of [
      'Assign…',
      'Reassign…',
      'Start work on request',
      'Resolve request',
      'Decline request',
      'Reopen request',
    ]) {
      expect(dialog.queryByRole('button', { name })).not.toBeInTheDocument();
    }

    await user.click(dialog.getByRole('button', { name: 'Withdraw request' }));
    const form = within(
      await screen.findByRole('dialog', { name: 'Withdraw this request' }),
    );
    await user.click(form.getByLabelText('Reason for withdrawing'));
    await user.paste('Solved it ourselves.');
    await user.click(form.getByRole('button', { name: 'Confirm withdraw' }));
    await waitFor(() =>
      expect(transition).toEqual({
        action: 'withdraw',
        note: 'Solved it ourselves.',
      }),
    );
    const reloaded = within(screen.getByRole('dialog'));
    expect(
      await reloaded.findByText('Why it was withdrawn'),
    ).toBeInTheDocument();
    expect(reloaded.getByText('Withdrawn')).toBeInTheDocument();
    expect(
      reloaded.queryByRole('button', { name: 'Withdraw request' }),
    ).not.toBeInTheDocument();
  });

  it('lets the requester rate a resolved request once, then shows the rating read-only', async () => {
    let consultation = makeConsultationWithEvents({
      requesterRef: 'user:default/lee',
      status: 'resolved',
      resolution: 'Yes, with the Apache-2.0 license.',
    });
    const ratings: unknown[] = [];
    server.use(
      http.get(url, () => HttpResponse.json(consultation)),
      http.post(`${url}/rating`, async ({ request }) => {
        ratings.push(await request.json());
        const rating = {
          score: 4,
          comment: 'Quick and clear',
          ratedAt: new Date().toISOString(),
        };
        consultation = {
          ...consultation,
          rating,
          events: [
            ...consultation.events,
            makeConsultationEvent({
              id: 'e9',
              type: 'rated',
              score: 4,
              body: 'Quick and clear',
              createdAt: rating.ratedAt,
            }),
          ],
        };
        return HttpResponse.json(rating, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    const { dialog } = await renderDialog('user:default/lee');

    const form = within(
      await dialog.findByRole('form', { name: 'Rate this answer' }),
    );
    const submit = form.getByRole('button', { name: 'Submit rating' });
    // A score is needed; the comment is not.
    expect(submit).toBeDisabled();
    await user.click(form.getByLabelText('4 Stars'));
    expect(form.getByText('Very good')).toBeInTheDocument();
    await user.click(form.getByLabelText('Comment (optional)'));
    await user.paste('  Quick and clear  ');
    await user.click(submit);

    await waitFor(() =>
      expect(ratings).toEqual([{ score: 4, comment: 'Quick and clear' }]),
    );
    const reloaded = within(screen.getByRole('dialog'));
    expect(await reloaded.findByText('Your rating')).toBeInTheDocument();
    expect(
      reloaded.getByRole('img', { name: 'Rated 4 of 5' }),
    ).toBeInTheDocument();
    expect(
      reloaded.queryByRole('form', { name: 'Rate this answer' }),
    ).not.toBeInTheDocument();
    expect(
      within(reloaded.getByRole('list', { name: 'Activity' })).getByText(
        /rated the answer 4 of 5/,
      ),
    ).toBeInTheDocument();
    expect(ratings).toHaveLength(1);
  });

  it('says so when the request was rated meanwhile', async () => {
    server.use(
      http.get(url, () =>
        HttpResponse.json(
          makeConsultationWithEvents({
            requesterRef: 'user:default/lee',
            status: 'declined',
            resolution: 'Not for us.',
          }),
        ),
      ),
      http.post(`${url}/rating`, () =>
        HttpResponse.json(
          makeErrorBody(
            409,
            'ConflictError',
            'The request has already been rated',
          ),
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    const { dialog } = await renderDialog('user:default/lee');

    const form = within(
      await dialog.findByRole('form', { name: 'Rate this answer' }),
    );
    await user.click(form.getByLabelText('2 Stars'));
    await user.click(form.getByRole('button', { name: 'Submit rating' }));
    expect(
      await form.findByText(/The request has already been rated/),
    ).toBeInTheDocument();
  });

  it('offers no rating before the answer, nor to anyone but the requester', async () => {
    server.use(
      http.get(url, () =>
        HttpResponse.json(
          makeConsultationWithEvents({
            requesterRef: 'user:default/lee',
            status: 'in-progress',
            firstResponseAt: daysAgo(1),
          }),
        ),
      ),
    );
    const { dialog } = await renderDialog('user:default/lee');
    expect(await dialog.findByLabelText('Add a comment')).toBeInTheDocument();
    expect(
      dialog.queryByRole('form', { name: 'Rate this answer' }),
    ).not.toBeInTheDocument();
  });

  it('lets others read the request only', async () => {
    server.use(
      http.get(url, () =>
        HttpResponse.json(
          makeConsultationWithEvents({
            requesterRef: 'user:default/lee',
            status: 'resolved',
            resolution: 'Yes.',
          }),
        ),
      ),
    );
    const { dialog } = await renderDialog('user:default/sam');

    expect(
      await dialog.findByText(
        'Only the requester and OSPO staff can comment on this request.',
      ),
    ).toBeInTheDocument();
    expect(
      dialog.queryByRole('form', { name: 'Rate this answer' }),
    ).not.toBeInTheDocument();
    expect(dialog.queryByLabelText('Add a comment')).not.toBeInTheDocument();
    expect(
      dialog.queryByRole('button', { name: 'Withdraw request' }),
    ).not.toBeInTheDocument();
    expect(
      dialog.queryByRole('button', { name: 'Resolve request' }),
    ).not.toBeInTheDocument();
  });
});
