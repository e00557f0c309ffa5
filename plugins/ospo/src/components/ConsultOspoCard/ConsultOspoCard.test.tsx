import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  Consultation,
  CreateConsultationRequest,
  OSPO_LICENSE_ANNOTATION,
  OSPO_PUBLISHED_ANNOTATION,
  OSPO_SBOM_ANNOTATION,
  OSPO_UPSTREAM_ANNOTATION,
} from '@ospo-kit/plugin-ospo-common';
import {
  OSPO_BASE_URL,
  makeConsultation,
  makeConsultationPage,
  makeConsultationWithEvents,
  makeErrorBody,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import {
  PermissionHandler,
  renderOspoCard,
} from '../../__testUtils__/renderOspoCard';
import { ConsultOspoCard } from './ConsultOspoCard';

// Dialog flows click through several MUI transitions; give them room on a
// busy CI machine rather than fail on Jest's 5 s default.
jest.setTimeout(20_000);

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function entity(
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  };
}

const paymentsApi = entity('Component', 'payments-api', {
  [OSPO_LICENSE_ANNOTATION]: 'Apache-2.0',
  [OSPO_SBOM_ANNOTATION]: 'https://sbom.example.com/payments-api.spdx.json',
  [OSPO_PUBLISHED_ANNOTATION]: 'https://github.com/acme/payments-api',
});
const paymentsRef = 'component:default/payments-api';

/** Serves the office and this entity's requests, which POST can add to. */
function serveCard(items: Consultation[] = []) {
  const state = { items, listUrls: [] as URL[] };
  server.use(
    http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
    http.get(`${OSPO_BASE_URL}/consultations`, ({ request }) => {
      state.listUrls.push(new URL(request.url));
      return HttpResponse.json(makeConsultationPage(state.items));
    }),
  );
  return state;
}

/** Picks an option the way people do: open the select, click the option. */
async function choose(
  user: ReturnType<typeof userEvent.setup>,
  select: HTMLElement,
  option: string,
) {
  await user.click(select);
  // Role queries over the whole page are slow; look the list up once and
  // wait for that element to go.
  const listbox = await screen.findByRole('listbox');
  await user.click(within(listbox).getByText(option));
  await waitFor(() => expect(listbox).not.toBeInTheDocument());
}

const render = (
  subject: Entity = paymentsApi,
  permission?: PermissionHandler,
) =>
  renderOspoCard(<ConsultOspoCard />, {
    entity: subject,
    permission,
    userEntityRef: 'user:default/lee',
  });

describe('ConsultOspoCard', () => {
  it('shows who the OSPO is, what it helps with and what the entity declares', async () => {
    serveCard();
    await render();

    expect(await screen.findByRole('link', { name: 'ospo' })).toHaveAttribute(
      'href',
      '/catalog/default/group/ospo',
    );
    expect(screen.getByText('Consult the OSPO')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /#ospo on chat/ })).toHaveAttribute(
      'href',
      'https://chat.example.com/ospo',
    );
    expect(
      screen.getByRole('link', { name: /ospo@example.com/ }),
    ).toHaveAttribute('href', 'mailto:ospo@example.com');
    expect(screen.getByText('Tuesdays, 14:00–16:00 CET')).toBeInTheDocument();

    const topics = screen.getByRole('list', {
      name: 'What the OSPO helps with',
    });
    expect(within(topics).getAllByRole('listitem')).toHaveLength(3);
    expect(
      within(topics).getByText('Using a new open source dependency'),
    ).toBeInTheDocument();
    expect(
      within(topics).getByText(
        'License choice, IP review and repository set-up.',
      ),
    ).toBeInTheDocument();
    expect(
      within(topics).getByRole('link', {
        name: /Guidance on Using a new open source dependency/,
      }),
    ).toHaveAttribute('href', 'https://wiki.example.com/ospo/dependencies');

    const context = within(
      screen.getByRole('list', { name: 'About this component' }),
    );
    expect(
      context.getByText('Declares license Apache-2.0'),
    ).toBeInTheDocument();
    expect(
      context.getByText(/Published as open source at/),
    ).toBeInTheDocument();
    expect(
      context.getByRole('link', { name: /github.com\/acme\/payments-api/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api');
    expect(context.getByText(/Has an SBOM/)).toBeInTheDocument();
    expect(context.getByRole('link', { name: /view SBOM/ })).toHaveAttribute(
      'href',
      'https://sbom.example.com/payments-api.spdx.json',
    );
    expect(context.queryByText(/Fork of/)).not.toBeInTheDocument();

    expect(
      await screen.findByText(
        'Nobody has asked the OSPO about this component yet. Use “Request a consultation” to ask a question.',
      ),
    ).toBeInTheDocument();
  });

  it('calls out a missing license and SBOM, and names the upstream of a fork', async () => {
    serveCard();
    await render(
      entity('Component', 'patched-lib', {
        [OSPO_UPSTREAM_ANNOTATION]: 'https://github.com/upstream/lib',
      }),
    );

    const context = within(
      await screen.findByRole('list', { name: 'About this component' }),
    );
    expect(context.getByText('No license declared')).toBeInTheDocument();
    expect(context.getByText('No SBOM declared')).toBeInTheDocument();
    expect(context.getByText(/Fork of/)).toBeInTheDocument();
    expect(
      context.getByRole('link', { name: /github.com\/upstream\/lib/ }),
    ).toHaveAttribute('href', 'https://github.com/upstream/lib');
  });

  it('says a declared license is not valid SPDX and suggests a fix', async () => {
    serveCard();
    await render(
      entity('Component', 'typo-lib', { [OSPO_LICENSE_ANNOTATION]: 'Apache2' }),
    );

    const context = within(
      await screen.findByRole('list', { name: 'About this component' }),
    );
    expect(
      context.getByText(
        'Declares license Apache2, which is not a valid SPDX expression',
      ),
    ).toBeInTheDocument();
    expect(context.getByText('Did you mean Apache-2.0?')).toBeInTheDocument();
    // Flagged as a problem, as a missing SBOM is, but not called missing.
    expect(context.getByTitle('Invalid')).toBeInTheDocument();
    expect(context.getAllByTitle('Missing')).toHaveLength(1);
  });

  it('points to the SPDX list when no fix of the license is near', async () => {
    serveCard();
    await render(
      entity('Component', 'secret-lib', {
        [OSPO_LICENSE_ANNOTATION]: 'Proprietary',
      }),
    );

    const context = within(
      await screen.findByRole('list', { name: 'About this component' }),
    );
    expect(
      context.getByText(
        'Declares license Proprietary, which is not a valid SPDX expression',
      ),
    ).toBeInTheDocument();
    expect(
      context.getByText(
        'Use ids from the SPDX license list, e.g. Apache-2.0, or LicenseRef-<name> for a license of your own.',
      ),
    ).toBeInTheDocument();
    expect(context.queryByText(/Did you mean/)).not.toBeInTheDocument();
  });

  it('does not expect a license of a group', async () => {
    serveCard();
    await render(entity('Group', 'payments'));

    expect(
      await screen.findByRole('list', { name: 'What the OSPO helps with' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('No license declared')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'About this group' }),
    ).not.toBeInTheDocument();
  });

  it("lists the entity's requests with the OSPO's answers", async () => {
    const state = serveCard([
      makeConsultation({
        id: 'c1',
        summary: 'Is GPL-3.0 fine for the CLI?',
        topic: 'new-dependency',
        status: 'in-progress',
        commentCount: 2,
      }),
      makeConsultation({
        id: 'c2',
        summary: 'Publish the SDK?',
        status: 'resolved',
        resolution: 'Yes: use Apache-2.0 and the public template.',
      }),
      makeConsultation({
        id: 'c3',
        summary: 'Fork the parser?',
        topic: 'retired-topic',
        status: 'declined',
        resolution: 'Contribute upstream instead.',
      }),
    ]);
    await render();

    const list = within(
      await screen.findByRole('list', { name: 'Requests about this entity' }),
    );
    const items = list.getAllByRole('listitem');
    expect(items).toHaveLength(3);

    const first = within(items[0]);
    expect(
      first.getByRole('button', { name: 'Is GPL-3.0 fine for the CLI?' }),
    ).toBeInTheDocument();
    expect(first.getByText('In progress')).toBeInTheDocument();
    expect(items[0]).toHaveTextContent(
      'Using a new open source dependency · requested by lee · 3 days ago · 2 comments',
    );

    const second = within(items[1]);
    expect(second.getByText('Resolved')).toBeInTheDocument();
    expect(
      second.getByText('Yes: use Apache-2.0 and the public template.'),
    ).toBeInTheDocument();
    expect(second.getByText('OSPO answer:')).toBeInTheDocument();

    const third = within(items[2]);
    expect(third.getByText('Declined')).toBeInTheDocument();
    expect(third.getByText('Contribute upstream instead.')).toBeInTheDocument();
    // A topic the OSPO no longer offers still shows.
    expect(items[2]).toHaveTextContent('retired-topic');

    const query = state.listUrls[0].searchParams;
    expect(query.get('entityRef')).toBe(paymentsRef);
    expect(query.get('orderBy')).toBe('updatedAt');
    expect(query.get('order')).toBe('desc');
    expect(query.get('limit')).toBe('5');
  });

  it("asks the requester to rate an unrated answer, and shows others' ratings", async () => {
    const state = serveCard([
      makeConsultation({
        id: 'c1',
        summary: 'Publish the SDK?',
        status: 'resolved',
        resolution: 'Yes.',
      }),
      makeConsultation({
        id: 'c2',
        summary: 'Fork the parser?',
        status: 'declined',
        resolution: 'No.',
        rating: {
          score: 3,
          ratedAt: new Date().toISOString(),
        },
      }),
      makeConsultation({
        id: 'c3',
        summary: "Sam's question",
        requesterRef: 'user:default/sam',
        status: 'resolved',
        resolution: 'Maybe.',
      }),
    ]);
    let consultation = makeConsultationWithEvents({
      id: 'c1',
      summary: 'Publish the SDK?',
      status: 'resolved',
      resolution: 'Yes.',
    });
    const ratings: unknown[] = [];
    server.use(
      http.get(`${OSPO_BASE_URL}/consultations/c1`, () =>
        HttpResponse.json(consultation),
      ),
      http.post(
        `${OSPO_BASE_URL}/consultations/c1/rating`,
        async ({ request }) => {
          ratings.push(await request.json());
          const rating = { score: 5, ratedAt: new Date().toISOString() };
          consultation = { ...consultation, rating };
          state.items = [
            { ...state.items[0], rating },
            ...state.items.slice(1),
          ];
          return HttpResponse.json(rating, { status: 201 });
        },
      ),
    );
    const user = userEvent.setup();
    await render();

    const list = within(
      await screen.findByRole('list', { name: 'Requests about this entity' }),
    );
    const items = list.getAllByRole('listitem');
    // Only the requester's own unrated answer asks for a rating.
    expect(
      await within(items[0]).findByRole('button', { name: 'Rate this answer' }),
    ).toBeInTheDocument();
    expect(
      within(items[1]).getByRole('img', { name: 'Rated 3 of 5' }),
    ).toBeInTheDocument();
    expect(
      within(items[1]).queryByRole('button', { name: 'Rate this answer' }),
    ).not.toBeInTheDocument();
    expect(
      within(items[2]).queryByRole('button', { name: 'Rate this answer' }),
    ).not.toBeInTheDocument();

    await user.click(
      within(items[0]).getByRole('button', { name: 'Rate this answer' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    const form = within(
      await dialog.findByRole('form', { name: 'Rate this answer' }),
    );
    await user.click(form.getByLabelText('5 Stars'));
    await user.click(form.getByRole('button', { name: 'Submit rating' }));
    expect(await dialog.findByText('Your rating')).toBeInTheDocument();
    expect(ratings).toEqual([{ score: 5 }]);
    await user.click(dialog.getByRole('button', { name: 'Close' }));

    // The list reloaded: the rating shows, the prompt is gone.
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Rate this answer' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('img', { name: 'Rated 5 of 5' }),
    ).toBeInTheDocument();
  });

  it('pages through many requests', async () => {
    const state = { urls: [] as URL[] };
    server.use(
      http.get(`${OSPO_BASE_URL}/office`, () => HttpResponse.json(ospoOffice)),
      http.get(`${OSPO_BASE_URL}/consultations`, ({ request }) => {
        const url = new URL(request.url);
        state.urls.push(url);
        const limit = Number(url.searchParams.get('limit'));
        const items = Array.from({ length: limit }, (_, i) =>
          makeConsultation({ id: `c${i}`, summary: `Question ${i + 1}` }),
        );
        return HttpResponse.json(
          makeConsultationPage(items, { totalCount: 7, limit }),
        );
      }),
    );
    const user = userEvent.setup();
    await render();

    expect(await screen.findByText('Showing 5 of 7')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByText('Question 10')).toBeInTheDocument();
    expect(state.urls.at(-1)?.searchParams.get('limit')).toBe('10');
  });

  it('files a request and refreshes the list', async () => {
    const state = serveCard();
    let body: CreateConsultationRequest | undefined;
    server.use(
      http.post(
        `${OSPO_BASE_URL}/entities/component/default/payments-api/consultations`,
        async ({ request }) => {
          body = (await request.json()) as CreateConsultationRequest;
          const created = makeConsultation({
            id: 'new',
            ...body,
            requesterRef: 'user:default/lee',
          });
          state.items = [created];
          return HttpResponse.json(created, { status: 201 });
        },
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Request a consultation' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Request a consultation' }),
    );
    expect(dialog.getByLabelText('Urgency')).toHaveTextContent('Normal');
    await choose(
      user,
      dialog.getByLabelText(/^Topic/),
      'Publishing this as open source',
    );
    expect(
      dialog.getByText('License choice, IP review and repository set-up.'),
    ).toBeInTheDocument();
    await user.click(dialog.getByLabelText(/^Summary/));
    await user.paste('  May we publish the payments SDK?  ');
    await user.click(dialog.getByLabelText('Details'));
    await user.paste('Partners ask for it.\nIt has no secrets.');
    await choose(user, dialog.getByLabelText('Urgency'), 'High');
    await user.click(dialog.getByRole('button', { name: 'Send request' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(body).toEqual({
      topic: 'publish',
      summary: 'May we publish the payments SDK?',
      details: 'Partners ask for it.\nIt has no secrets.',
      urgency: 'high',
    });
    expect(
      await screen.findByRole('button', {
        name: 'May we publish the payments SDK?',
      }),
    ).toBeInTheDocument();
    expect(state.listUrls).toHaveLength(2);
  });

  it('requires a topic and a summary', async () => {
    serveCard();
    let posted = false;
    server.use(
      http.post(
        `${OSPO_BASE_URL}/entities/component/default/payments-api/consultations`,
        () => {
          posted = true;
          return HttpResponse.json({}, { status: 201 });
        },
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Request a consultation' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await user.click(dialog.getByRole('button', { name: 'Send request' }));
    expect(dialog.getByText('Enter a summary')).toBeInTheDocument();
    expect(
      dialog.getByText('Choose what the request is about'),
    ).toBeInTheDocument();
    expect(dialog.getByLabelText(/^Summary/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    // Blanks are not a summary.
    await choose(user, dialog.getByLabelText(/^Topic/), 'Something else');
    await user.click(dialog.getByLabelText(/^Summary/));
    await user.paste('   ');
    await user.click(dialog.getByRole('button', { name: 'Send request' }));
    expect(dialog.getByText('Enter a summary')).toBeInTheDocument();
    expect(dialog.getByLabelText(/^Summary/)).toHaveAttribute(
      'maxlength',
      '200',
    );
    expect(dialog.getByLabelText('Details')).toHaveAttribute(
      'maxlength',
      '5000',
    );
    expect(posted).toBe(false);
  });

  it('shows why the backend refused a request', async () => {
    serveCard();
    server.use(
      http.post(
        `${OSPO_BASE_URL}/entities/component/default/payments-api/consultations`,
        () =>
          HttpResponse.json(
            makeErrorBody(400, 'InputError', 'topic is not offered'),
            { status: 400 },
          ),
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Request a consultation' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await choose(user, dialog.getByLabelText(/^Topic/), 'Something else');
    await user.click(dialog.getByLabelText(/^Summary/));
    await user.paste('A question');
    await user.click(dialog.getByRole('button', { name: 'Send request' }));
    expect(
      await dialog.findByText(
        'Could not send the request: topic is not offered',
      ),
    ).toBeInTheDocument();
    expect(dialog.getByLabelText(/^Summary/)).toHaveValue('A question');
  });

  it('opens a request from the list', async () => {
    serveCard([
      makeConsultation({ id: 'c1', summary: 'Is GPL-3.0 fine for the CLI?' }),
    ]);
    server.use(
      http.get(`${OSPO_BASE_URL}/consultations/c1`, () =>
        HttpResponse.json(
          makeConsultationWithEvents({
            id: 'c1',
            summary: 'Is GPL-3.0 fine for the CLI?',
          }),
        ),
      ),
    );
    const user = userEvent.setup();
    await render();

    await user.click(
      await screen.findByRole('button', {
        name: 'Is GPL-3.0 fine for the CLI?',
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Is GPL-3.0 fine for the CLI?',
      }),
    );
    expect(
      await dialog.findByText('Partners keep asking for it.'),
    ).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('shows the office failing to load, and keeps the requests', async () => {
    server.use(
      http.get(`${OSPO_BASE_URL}/office`, () =>
        HttpResponse.json(makeErrorBody(500, 'Error', 'Config is broken'), {
          status: 500,
        }),
      ),
      http.get(`${OSPO_BASE_URL}/consultations`, () =>
        HttpResponse.json(
          makeConsultationPage([makeConsultation({ summary: 'Old question' })]),
        ),
      ),
    );
    await render();

    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    expect(await screen.findByText('Old question')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request a consultation' }),
    ).toBeDisabled();
  });
});
