import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  CreateConsultationRequest,
  EntityChecks,
} from '@ospo-kit/plugin-ospo-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  hoursFromNow,
  makeCheckResult,
  makeEntityChecks,
  makeUncheckedEntityChecks,
} from '../../__testUtils__/checkFixtures';
import {
  OSPO_BASE_URL,
  makeConsultation,
  makeErrorBody,
  ospoOffice,
} from '../../__testUtils__/ospoFixtures';
import { ospoTestApis } from '../../__testUtils__/ospoTestApis';
import { EntityChecksSection } from './EntityChecksSection';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const entityRef = 'component:default/checkout-service';
const refreshUrl = `${OSPO_BASE_URL}/entities/component/default/checkout-service/checks/refresh`;

function render(checks: EntityChecks) {
  return renderInTestApp(
    <TestApiProvider apis={ospoTestApis()}>
      <EntityChecksSection entityRef={entityRef} checks={checks} />
    </TestApiProvider>,
  );
}

/** The rows of one list, each as its verdict and its text. */
function rowsOf(listName: string) {
  const list = screen.getByRole('list', { name: listName });
  return within(list)
    .getAllByRole('listitem')
    .map(row => [
      within(row).getByRole('img').getAttribute('data-verdict'),
      row.textContent,
    ]);
}

describe('EntityChecksSection', () => {
  it('lists fail, warn and unknown first, with the fix and the guidance, and folds the passes', async () => {
    await render(
      makeEntityChecks([
        makeCheckResult('description', 'pass', { title: 'Description' }),
        makeCheckResult('license', 'fail', {
          title: 'License policy',
          reason: 'AGPL-3.0-only is denied by the license policy',
          fix: 'Relicense under an allowed license, or ask the OSPO.',
          guidanceUrl: 'https://wiki.acme.example/ospo/licenses',
        }),
        makeCheckResult('security', 'warn', { title: 'Security contact' }),
        makeCheckResult('repo', 'unknown', { title: 'Source location' }),
        makeCheckResult('owner', 'pass', { title: 'Owner' }),
      ]),
    );

    expect(rowsOf('Checks to look at')).toEqual([
      [
        'fail',
        'FailLicense policyAGPL-3.0-only is denied by the license policyFix: Relicense under an allowed license, or ask the OSPO. Guidance, Opens in a new window',
      ],
      ['warn', 'WarningSecurity contactReason of securityFix: Fix of security'],
      ['unknown', 'UnknownSource locationReason of repoFix: Fix of repo'],
    ]);
    const guidance = screen.getByRole('link', {
      name: 'Guidance on License policy, Opens in a new window',
    });
    expect(guidance).toHaveAttribute(
      'href',
      'https://wiki.acme.example/ospo/licenses',
    );
    expect(guidance).toHaveAttribute('target', '_blank');

    // The passes are one line until asked for.
    const passes = screen.getByRole('button', { name: '2 checks pass' });
    expect(passes).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('Description')).not.toBeInTheDocument();
    await userEvent.click(passes);
    expect(passes).toHaveAttribute('aria-expanded', 'true');
    expect(rowsOf('Passing checks')).toEqual([
      ['pass', 'PassDescriptionReason of description'],
      ['pass', 'PassOwnerReason of owner'],
    ]);
  });

  it('says so in one line when every check passes', async () => {
    await render(
      makeEntityChecks([
        makeCheckResult('a', 'pass'),
        makeCheckResult('b', 'pass'),
        makeCheckResult('c', 'pass'),
      ]),
    );
    expect(
      screen.getByRole('button', { name: 'All 3 checks pass' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Checks to look at' }),
    ).not.toBeInTheDocument();
  });

  it('never counts an unknown verdict as a pass', async () => {
    await render(
      makeEntityChecks([
        makeCheckResult('a', 'pass'),
        makeCheckResult('b', 'unknown', { title: 'Source location' }),
      ]),
    );
    expect(rowsOf('Checks to look at')).toEqual([
      ['unknown', 'UnknownSource locationReason of bFix: Fix of b'],
    ]);
    expect(
      screen.getByRole('button', { name: '1 check passes' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/All \d+ checks pass/)).not.toBeInTheDocument();
  });

  it('says when an entity was checked, and that none apply when none do', async () => {
    await render(makeEntityChecks([], { evaluatedAt: hoursFromNow(-3) }));
    expect(screen.getByText(/^Checked/)).toHaveTextContent(
      'Checked 3 hours ago',
    );
    expect(
      screen.getByText('No checks apply to this entity.'),
    ).toBeInTheDocument();
  });

  it('says when checks will first run for an entity never checked', async () => {
    await render(makeUncheckedEntityChecks({ nextRunAt: hoursFromNow(5) }));
    expect(
      screen.getByText(/^Not checked yet — checks run with the metrics/),
    ).toHaveTextContent(
      'Not checked yet — checks run with the metrics; next run in 5 hours.',
    );
    expect(screen.queryByText(/^Checked/)).not.toBeInTheDocument();
    expect(
      screen.queryByText('No checks apply to this entity.'),
    ).not.toBeInTheDocument();
  });

  it('warns that results may be out of date after the entity changed, and when the next check is', async () => {
    await render(
      makeEntityChecks([makeCheckResult('a', 'fail')], {
        changedSinceEvaluation: true,
        nextRunAt: hoursFromNow(2),
      }),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'This entity changed after it was checked: these results may be out of date. Next scheduled check in 2 hours.',
    );
    // The results stay: out of date is not wrong.
    expect(rowsOf('Checks to look at')).toHaveLength(1);
  });

  it('says a next run that is already due is due now', async () => {
    await render(
      makeEntityChecks([], {
        changedSinceEvaluation: true,
        nextRunAt: hoursFromNow(-0.1),
      }),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Next scheduled check due now.',
    );
  });

  it('checks again on request and shows the new verdicts', async () => {
    let posts = 0;
    let answer = () => {};
    const answered = new Promise<void>(resolve => {
      answer = resolve;
    });
    server.use(
      http.post(refreshUrl, async () => {
        posts += 1;
        await answered;
        return HttpResponse.json(
          makeEntityChecks([makeCheckResult('license', 'pass')], {
            evaluatedAt: new Date().toISOString(),
            evaluatedBy: 'refresh',
            canRefresh: true,
          }),
        );
      }),
    );
    await render(
      makeEntityChecks(
        [makeCheckResult('license', 'fail', { title: 'License policy' })],
        { changedSinceEvaluation: true, canRefresh: true },
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(screen.getByRole('button', { name: 'Checking…' })).toBeDisabled();
    answer();

    expect(
      await screen.findByRole('button', { name: 'The 1 check passes' }),
    ).toBeInTheDocument();
    expect(posts).toBe(1);
    expect(screen.queryByText('License policy')).not.toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByText(/^Checked/)).toHaveTextContent(
      'Checked on request just now',
    );
    // Still offered, quietly, to confirm the next fix.
    expect(
      screen.getByRole('button', { name: 'Check now' }),
    ).toBeInTheDocument();
  });

  it('says when to try again when asked too soon, keeping the results', async () => {
    server.use(
      http.post(refreshUrl, () =>
        HttpResponse.json(makeErrorBody(429, 'Error', 'Checked too recently'), {
          status: 429,
          headers: { 'Retry-After': '8' },
        }),
      ),
    );
    await render(
      makeEntityChecks(
        [makeCheckResult('license', 'fail', { title: 'License policy' })],
        { canRefresh: true },
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Asked again too soon: try again in 8 seconds.',
    );
    expect(screen.getByText('License policy')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Check now' })).toBeEnabled();
  });

  it('offers no refresh to those who may not ask for one', async () => {
    await render(
      makeEntityChecks([makeCheckResult('a', 'fail')], {
        changedSinceEvaluation: true,
        canRefresh: false,
      }),
    );
    expect(screen.getByRole('status')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Check now' }),
    ).not.toBeInTheDocument();
  });

  describe('consulting the OSPO about a verdict', () => {
    const vulnerable = makeCheckResult('known-vulnerabilities', 'fail', {
      title: 'Known vulnerabilities',
      reason: '1 open vulnerability (1 critical) in its dependencies',
      fix: 'Upgrade minimist to 1.2.6 (CVE-2021-44906).',
      consultTopic: 'publish',
    });

    it('files a request filled in from the verdict', async () => {
      let body: CreateConsultationRequest | undefined;
      server.use(
        http.get(`${OSPO_BASE_URL}/office`, () =>
          HttpResponse.json(ospoOffice),
        ),
        http.post(
          `${OSPO_BASE_URL}/entities/component/default/checkout-service/consultations`,
          async ({ request }) => {
            body = (await request.json()) as CreateConsultationRequest;
            return HttpResponse.json(makeConsultation({ ...body }), {
              status: 201,
            });
          },
        ),
      );
      const user = userEvent.setup();
      await render(makeEntityChecks([vulnerable]));

      await user.click(
        screen.getByRole('button', {
          name: 'Consult the OSPO about Known vulnerabilities',
        }),
      );
      const dialog = within(
        await screen.findByRole('dialog', { name: 'Request a consultation' }),
      );
      expect(dialog.getByLabelText(/^Topic/)).toHaveTextContent(
        'Publishing this as open source',
      );
      expect(
        dialog.getByText(/advice about checkout-service\./),
      ).toBeInTheDocument();
      expect(dialog.getByLabelText(/^Summary/)).toHaveValue(
        'Known vulnerabilities: 1 open vulnerability (1 critical) in its dependencies',
      );
      await user.click(dialog.getByRole('button', { name: 'Send request' }));

      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(body).toEqual({
        topic: 'publish',
        summary:
          'Known vulnerabilities: 1 open vulnerability (1 critical) in its dependencies',
        details: 'Upgrade minimist to 1.2.6 (CVE-2021-44906).',
        urgency: 'normal',
      });
    });

    it('offers it only on verdicts with a topic', async () => {
      await render(
        makeEntityChecks([
          vulnerable,
          makeCheckResult('sbom', 'warn', { title: 'SBOM' }),
        ]),
      );
      expect(
        await screen.findAllByRole('button', { name: /^Consult the OSPO/ }),
      ).toHaveLength(1);
    });
  });
});
