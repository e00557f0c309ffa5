import { useCallback, useMemo, useState } from 'react';
import {
  Navigate,
  useLocation,
  useNavigate,
  useOutlet,
  useSearchParams,
} from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  Content,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  BulkConsultationResult,
  Consultation,
  ConsultationTopic,
} from '@ospo-kit/plugin-ospo-common';
import { useConsultations } from '../../hooks/useConsultations';
import { useCurrentUserRef } from '../../hooks/useCurrentUserRef';
import { useOfficeStaff } from '../../hooks/useOfficeStaff';
import { useOspoOffice } from '../../hooks/useOspoOffice';
import { useOspoStaff } from '../../hooks/useOspoStaff';
import { responseStatus, serverErrorMessage } from '../../utils/errors';
import { BulkActionBar } from './BulkActionBar';
import { BulkOutcomeAlert } from './BulkOutcomeAlert';
import { BulkOutcome, describeBulkOutcome } from './bulkOutcome';
import { ConsultationCardList } from './ConsultationCardList';
import { ConsultationFilters } from './ConsultationFilters';
import { ConsultationTable } from './ConsultationTable';
import { DEFAULT_QUEUE_FILTERS, queueQuery } from './queueFilters';
import { OpenedFromQueueState, QueueOutletContext } from './queueOutletContext';
import { useQueueSelection } from './useQueueSelection';
import { useQueueView } from './useQueueView';

/** Stable empty lists, so the table's columns are not rebuilt every render. */
const NO_TOPICS: ConsultationTopic[] = [];
const NO_ROWS: Consultation[] = [];

/** The query parameter of the links of old notifications, `?request=<id>`. */
const LEGACY_REQUEST_PARAM = 'request';

/**
 * The OSPO's queue of consultation requests, across every entity, with its
 * search and filters in the URL. Everyone signed in can read it; OSPO staff
 * also select requests to change several at once. A request opens over the
 * queue at its own URL (the child route, rendered in the outlet).
 *
 * @public
 */
export function ConsultationQueuePage() {
  const office = useOspoOffice();
  const currentUserRef = useCurrentUserRef();
  const staffPermission = useOspoStaff();
  const isStaff = staffPermission.loading ? undefined : staffPermission.allowed;
  const staff = useOfficeStaff();
  const view = useQueueView();
  const { filters, order, page, pageSize } = view;
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'), {
    noSsr: true,
  });

  const requests = useConsultations(
    queueQuery({ filters, order, page, pageSize }),
  );
  const rows = requests.value?.items ?? NO_ROWS;
  const selection = useQueueSelection(rows, location.search);
  const [outcome, setOutcome] = useState<BulkOutcome>();

  const open = useCallback(
    (consultation: Consultation) => {
      const state: OpenedFromQueueState = { fromQueue: true };
      navigate(
        {
          pathname: encodeURIComponent(consultation.id),
          search: location.search,
        },
        { state },
      );
    },
    [navigate, location.search],
  );

  const topics = office.value?.topics ?? NO_TOPICS;
  const { retry } = requests;
  const outletContext = useMemo(
    (): QueueOutletContext => ({ topics, onChanged: retry }),
    [topics, retry],
  );
  const outlet = useOutlet(outletContext);

  const bulkDone = (result: BulkConsultationResult) => {
    const summaries = new Map(rows.map(row => [row.id, row.summary]));
    setOutcome(describeBulkOutcome(result, summaries));
    selection.clear();
    retry();
  };

  // Old notifications link to `?request=<id>`: that request's own URL now.
  const legacyId = searchParams.get(LEGACY_REQUEST_PARAM);
  if (legacyId && !outlet) {
    const rest = new URLSearchParams(searchParams);
    rest.delete(LEGACY_REQUEST_PARAM);
    return (
      <Navigate
        replace
        to={{
          pathname: encodeURIComponent(legacyId),
          search: rest.toString() ? `?${rest}` : '',
        }}
      />
    );
  }

  const canSelect = isStaff === true;
  const List = phone ? ConsultationCardList : ConsultationTable;

  return (
    <Page themeId="tool">
      <Header title="Open Source Program Office" subtitle="Consultations" />
      <Content>
        <ConsultationFilters
          value={filters}
          topics={topics}
          staff={staff.value?.items}
          isStaff={isStaff}
          onChange={view.setFilters}
        />
        {outcome && (
          <Box mb={2}>
            <BulkOutcomeAlert
              outcome={outcome}
              onClose={() => setOutcome(undefined)}
            />
          </Box>
        )}
        {canSelect && selection.selectedRows.length > 0 && (
          <BulkActionBar
            selected={selection.selectedRows}
            currentUserRef={currentUserRef}
            onClear={selection.clear}
            onDone={bulkDone}
          />
        )}
        {requests.error ? (
          <QueueError
            error={requests.error}
            onReset={() => view.setFilters(DEFAULT_QUEUE_FILTERS)}
          />
        ) : (
          <List
            page={requests.value}
            loading={requests.loading}
            topics={topics}
            order={order}
            pageIndex={page}
            pageSize={pageSize}
            onOpen={open}
            onOrderChange={view.setOrder}
            onPageChange={view.setPage}
            onPageSizeChange={view.setPageSize}
            selection={canSelect ? selection : undefined}
          />
        )}
        {outlet}
      </Content>
    </Page>
  );
}

/**
 * Why the queue did not load. A 400 is about the filters, e.g. an owner
 * team the catalog does not know in a shared link: say which, and offer the
 * way out.
 */
function QueueError(props: { error: Error; onReset: () => void }) {
  const { error, onReset } = props;
  if (responseStatus(error) !== 400) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <Alert
      severity="warning"
      action={
        <Button color="inherit" size="small" onClick={onReset}>
          Reset filters
        </Button>
      }
    >
      These filters cannot be applied: {serverErrorMessage(error)}
    </Alert>
  );
}
