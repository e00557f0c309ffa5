import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { QueueFilters, QueueOrder } from './queueFilters';
import { QueueView, readQueueView, writeQueueView } from './queueSearchParams';

/**
 * The queue's filters, order and page, kept in the page's URL so that a
 * filtered queue can be shared as a link and survives a reload; an open
 * request keeps them too, so closing it returns to the same queue. Changes
 * replace the history entry rather than add one: Back should leave the
 * queue, not undo filters one by one.
 */
export function useQueueView(): QueueView & {
  /** Other filters, from the first page. */
  setFilters: (filters: QueueFilters) => void;
  /** Another order, from the first page. */
  setOrder: (order: QueueOrder) => void;
  setPage: (page: number) => void;
  /** Another page size, from the first page. */
  setPageSize: (pageSize: number) => void;
} {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => readQueueView(searchParams), [searchParams]);

  const change = useCallback(
    (changes: Partial<QueueView>) =>
      setSearchParams(
        current =>
          writeQueueView(current, {
            ...readQueueView(current),
            // Every change of what is shown starts again from the first page.
            page: 0,
            ...changes,
          }),
        { replace: true },
      ),
    [setSearchParams],
  );
  const setFilters = useCallback(
    (filters: QueueFilters) => change({ filters }),
    [change],
  );
  const setOrder = useCallback(
    (order: QueueOrder) => change({ order }),
    [change],
  );
  const setPage = useCallback((page: number) => change({ page }), [change]);
  const setPageSize = useCallback(
    (pageSize: number) => change({ pageSize }),
    [change],
  );

  return { ...view, setFilters, setOrder, setPage, setPageSize };
}
