import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import {
  Content,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Consultation, ConsultationTopic } from '@ospo-kit/plugin-ospo-common';
import { useConsultations } from '../../hooks/useConsultations';
import { useCurrentUserRef } from '../../hooks/useCurrentUserRef';
import { useOspoOffice } from '../../hooks/useOspoOffice';
import { ConsultationDetailDialog } from '../ConsultationDetailDialog';
import { ConsultationFilters } from './ConsultationFilters';
import { ConsultationTable, PAGE_SIZES } from './ConsultationTable';
import {
  DEFAULT_QUEUE_FILTERS,
  QueueFilters,
  QueueOrder,
  queueQuery,
} from './queueFilters';

/** A stable empty list, so the table's columns are not rebuilt every render. */
const NO_TOPICS: ConsultationTopic[] = [];

/** Newest requests first, as people expect of a list of things to look at. */
const DEFAULT_ORDER: QueueOrder = { orderBy: 'createdAt', order: 'desc' };

/**
 * The OSPO's queue of consultation requests, across every entity. Everyone
 * signed in can read it; the detail dialog offers OSPO staff their actions.
 *
 * @public
 */
export function ConsultationQueuePage() {
  const office = useOspoOffice();
  const currentUserRef = useCurrentUserRef();
  const [filters, setFilters] = useState<QueueFilters>(DEFAULT_QUEUE_FILTERS);
  const [order, setOrder] = useState<QueueOrder>(DEFAULT_ORDER);
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[1]);
  // Notifications link to `?request=<id>`: open that request straight away.
  const [searchParams, setSearchParams] = useSearchParams();
  const [openId, setOpenId] = useState<string | undefined>(
    () => searchParams.get('request') ?? undefined,
  );
  const closeRequest = useCallback(() => {
    setOpenId(undefined);
    if (searchParams.has('request')) {
      searchParams.delete('request');
      setSearchParams(searchParams, { replace: true });
    }
  }, [searchParams, setSearchParams]);

  const requests = useConsultations(
    queueQuery({ filters, order, page: pageIndex, pageSize, currentUserRef }),
  );

  // Every change of what is shown starts again from the first page.
  const changeFilters = (value: QueueFilters) => {
    setFilters(value);
    setPageIndex(0);
  };
  const changeOrder = useCallback((value: QueueOrder) => {
    setOrder(value);
    setPageIndex(0);
  }, []);
  const changePageSize = useCallback((value: number) => {
    setPageSize(value);
    setPageIndex(0);
  }, []);
  const open = useCallback(
    (consultation: Consultation) => setOpenId(consultation.id),
    [],
  );

  const topics = office.value?.topics ?? NO_TOPICS;

  return (
    <Page themeId="tool">
      <Header title="Open Source Program Office" subtitle="Consultations" />
      <Content>
        <ConsultationFilters
          value={filters}
          topics={topics}
          canFilterByMe={currentUserRef !== undefined}
          onChange={changeFilters}
        />
        {requests.error ? (
          <ResponseErrorPanel error={requests.error} />
        ) : (
          <Box>
            <ConsultationTable
              page={requests.value}
              loading={requests.loading}
              topics={topics}
              order={order}
              pageIndex={pageIndex}
              pageSize={pageSize}
              onOpen={open}
              onOrderChange={changeOrder}
              onPageChange={setPageIndex}
              onPageSizeChange={changePageSize}
            />
          </Box>
        )}
        {openId && (
          <ConsultationDetailDialog
            consultationId={openId}
            topics={topics}
            onClose={closeRequest}
            onChanged={requests.retry}
          />
        )}
      </Content>
    </Page>
  );
}
