import { useCallback, useEffect, useMemo, useState } from 'react';
import { Consultation } from '@ospo-kit/plugin-ospo-common';

/** The requests staff have ticked on the page shown, for a bulk change. */
export interface QueueSelection {
  /** The requests on the page. */
  rows: Consultation[];
  /** The ticked ones, in the page's order. */
  selectedRows: Consultation[];
  isSelected: (id: string) => boolean;
  toggle: (row: Consultation) => void;
  /** Ticks or clears every request on the page. */
  setPage: (selected: boolean) => void;
  allSelected: boolean;
  /** Some but not all are ticked. */
  someSelected: boolean;
  clear: () => void;
}

/**
 * The selection of requests on the page shown. It holds only what is on the
 * page, and starts empty again when the view (filters, order, page) changes:
 * a bulk change acts on what staff can see.
 */
export function useQueueSelection(
  rows: Consultation[],
  viewKey: string,
): QueueSelection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setIds(new Set()), [viewKey]);

  const selectedRows = useMemo(
    () => rows.filter(row => ids.has(row.id)),
    [rows, ids],
  );
  const isSelected = useCallback((id: string) => ids.has(id), [ids]);
  const toggle = useCallback(
    (row: Consultation) =>
      setIds(current => {
        const next = new Set(current);
        if (!next.delete(row.id)) {
          next.add(row.id);
        }
        return next;
      }),
    [],
  );
  const setPage = useCallback(
    (selected: boolean) =>
      setIds(selected ? new Set(rows.map(row => row.id)) : new Set()),
    [rows],
  );
  const clear = useCallback(() => setIds(new Set()), []);

  const allSelected = rows.length > 0 && selectedRows.length === rows.length;
  return useMemo(
    () => ({
      rows,
      selectedRows,
      isSelected,
      toggle,
      setPage,
      allSelected,
      someSelected: selectedRows.length > 0 && !allSelected,
      clear,
    }),
    [rows, selectedRows, isSelected, toggle, setPage, allSelected, clear],
  );
}
