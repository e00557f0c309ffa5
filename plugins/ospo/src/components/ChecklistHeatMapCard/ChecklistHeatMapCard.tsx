import { useCallback, useEffect } from 'react';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import TablePagination from '@material-ui/core/TablePagination';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ospoApiRef } from '../../api';
import { useChecklistMatrix } from '../../hooks/useChecklistMatrix';
import { formatCount } from '../../utils/formatMetricValue';
import { CsvExportButton } from '../CsvExportButton';
import { RelativeTime } from '../RelativeTime';
import { HeatMapFilters } from './HeatMapFilters';
import { HeatMapLegend } from './HeatMapLegend';
import { HeatMapTable } from './HeatMapTable';
import {
  HEAT_MAP_PAGE_SIZE,
  hasHeatMapFilters,
  heatMapQuery,
} from './heatMapQuery';
import {
  UnknownFiltersState,
  isUnknownFiltersError,
} from './UnknownFiltersState';
import { useHeatMapOptions } from './useHeatMapOptions';
import { useHeatMapView } from './useHeatMapView';
import { useWrappingCardHeader } from '../../hooks/useWrappingCardHeader';

/**
 * The checklist heat map of every team: filters, a legend, one page of teams
 * × checklist items grouped by department, paging, and a CSV export of
 * everything the filters let through. Filtering, sorting, roll-ups and paging
 * happen on the server, so a page costs one request however many teams there
 * are. What is shown lives in the page's URL (see {@link useHeatMapView}).
 */
export function ChecklistHeatMapCard() {
  const headerClass = useWrappingCardHeader();
  const ospoApi = useApi(ospoApiRef);
  const { filters, sort, page, setFilters, setSort, setPage } =
    useHeatMapView();
  const query = heatMapQuery(filters, sort, page);
  const { value, loading, error } = useChecklistMatrix(query);
  const options = useHeatMapOptions(filters, value);

  // A page past the last one (a link from when there were more teams, or
  // typed by hand) shows the last page instead of an empty table.
  const lastPage = value
    ? Math.max(0, Math.ceil(value.matrix.totalCount / HEAT_MAP_PAGE_SIZE) - 1)
    : 0;
  const answersView = JSON.stringify(value?.query) === JSON.stringify(query);
  useEffect(() => {
    if (answersView && page > lastPage) {
      setPage(lastPage);
    }
  }, [answersView, page, lastPage, setPage]);

  const clearFilters = useCallback(() => setFilters({}), [setFilters]);
  const exportCsv = useCallback(
    () => ospoApi.exportChecklistMatrixCsv(filters),
    [ospoApi, filters],
  );

  const filtered = hasHeatMapFilters(filters);
  let content;
  let subheader;
  if (error) {
    content =
      filtered && isUnknownFiltersError(error) ? (
        <UnknownFiltersState error={error} onClear={clearFilters} />
      ) : (
        <ResponseErrorPanel error={error} />
      );
  } else if (!value) {
    content = <Progress />;
  } else {
    const { matrix } = value;
    subheader = (
      <span>
        {formatCount(matrix.totalCount)}{' '}
        {matrix.totalCount === 1 ? 'team' : 'teams'}
        {filtered ? ' match the filters' : ''}
        {matrix.hierarchyAsOf && (
          <>
            {' · '}departments as of <RelativeTime at={matrix.hierarchyAsOf} />
          </>
        )}
      </span>
    );
    if (matrix.columns.length === 0) {
      content = (
        <EmptyState
          missing="content"
          title="No checklist items to show"
          description="Configure the checklists teams answer under ospo.checklists in app-config."
        />
      );
    } else if (matrix.totalCount === 0) {
      content = filtered ? (
        <EmptyState
          missing="data"
          title="No teams match these filters"
          description="Try another department, checklist or answer."
          action={
            <Button variant="outlined" color="primary" onClick={clearFilters}>
              Clear filters
            </Button>
          }
        />
      ) : (
        <EmptyState
          missing="data"
          title="No teams yet"
          description="Teams are the Groups of the catalog; they show up here once the catalog has some."
        />
      );
    } else {
      content = (
        <>
          {/* The last page stays on screen while the next one loads. */}
          <LinearProgress
            aria-label="Loading the heat map"
            style={{ visibility: loading ? 'visible' : 'hidden' }}
          />
          <HeatMapTable
            matrix={matrix}
            totalTitle={filtered ? 'All matching teams' : 'Organisation'}
            sort={sort}
            onSortChange={setSort}
          />
          <TablePagination
            component="div"
            count={matrix.totalCount}
            page={Math.min(page, lastPage)}
            rowsPerPage={HEAT_MAP_PAGE_SIZE}
            rowsPerPageOptions={[]}
            onPageChange={(_event, next) => setPage(next)}
          />
        </>
      );
    }
  }

  return (
    <InfoCard
      className={headerClass}
      title="Checklist progress"
      subheader={subheader}
      action={
        <CsvExportButton fetchCsv={exportCsv} filename="ospo-checklists.csv" />
      }
    >
      <HeatMapFilters
        value={filters}
        options={options}
        sort={sort}
        onChange={setFilters}
        onSortChange={setSort}
      />
      <HeatMapLegend />
      {content}
    </InfoCard>
  );
}
