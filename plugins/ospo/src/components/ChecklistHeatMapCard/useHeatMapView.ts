import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { HeatMapFilterValues, HeatMapSort } from './heatMapQuery';
import {
  HeatMapView,
  readHeatMapView,
  writeHeatMapView,
} from './heatMapSearchParams';

/**
 * The heat map's filters, order and page, kept in the page's URL so that a
 * view can be shared as a link and survives a reload. Changes replace the
 * history entry rather than add one: a filter is tried out in a few clicks,
 * and Back should leave the dashboard, not undo them one by one. Opening a
 * team and coming back restores the view all the same.
 */
export function useHeatMapView(): HeatMapView & {
  /** Other filters, from the first page. */
  setFilters: (filters: HeatMapFilterValues) => void;
  /** Another order, from the first page. */
  setSort: (sort: HeatMapSort) => void;
  setPage: (page: number) => void;
} {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => readHeatMapView(searchParams), [searchParams]);

  const change = useCallback(
    (changes: Partial<HeatMapView>) =>
      setSearchParams(
        current =>
          writeHeatMapView(current, {
            ...readHeatMapView(current),
            // Every change of what is shown starts again from the first page.
            page: 0,
            ...changes,
          }),
        { replace: true },
      ),
    [setSearchParams],
  );
  const setFilters = useCallback(
    (filters: HeatMapFilterValues) => change({ filters }),
    [change],
  );
  const setSort = useCallback(
    (sort: HeatMapSort) => change({ sort }),
    [change],
  );
  const setPage = useCallback((page: number) => change({ page }), [change]);

  return { ...view, setFilters, setSort, setPage };
}
