import { useCallback, useState } from 'react';
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
  DEFAULT_HEAT_MAP_SORT,
  HEAT_MAP_PAGE_SIZE,
  HeatMapFilterValues,
  HeatMapSort,
  hasHeatMapFilters,
  heatMapQuery,
} from './heatMapQuery';
import { useHeatMapOptions } from './useHeatMapOptions';

/**
 * The checklist heat map of every team: filters, a legend, one page of teams
 * × checklist items grouped by department, paging, and a CSV export of
 * everything the filters let through. Filtering, sorting, roll-ups and paging
 * happen on the server, so a page costs one request however many teams there
 * are.
 */
export function ChecklistHeatMapCard() {
  const ospoApi = useApi(ospoApiRef);
  const [filters, setFilters] = useState<HeatMapFilterValues>({});
  const [sort, setSort] = useState<HeatMapSort>(DEFAULT_HEAT_MAP_SORT);
  const [page, setPage] = useState(0);
  const { value, loading, error } = useChecklistMatrix(
    heatMapQuery(filters, sort, page),
  );
  const options = useHeatMapOptions(value);

  // Every change of what is shown starts again from the first page.
  const changeFilters = useCallback((next: HeatMapFilterValues) => {
    setFilters(next);
    setPage(0);
  }, []);
  const changeSort = useCallback((next: HeatMapSort) => {
    setSort(next);
    setPage(0);
  }, []);
  const exportCsv = useCallback(
    () => ospoApi.exportChecklistMatrixCsv(filters),
    [ospoApi, filters],
  );

  const filtered = hasHeatMapFilters(filters);
  let content;
  let subheader;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
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
            <Button
              variant="outlined"
              color="primary"
              onClick={() => changeFilters({})}
            >
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
            onSortChange={changeSort}
          />
          <TablePagination
            component="div"
            count={matrix.totalCount}
            page={page}
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
        onChange={changeFilters}
        onSortChange={changeSort}
      />
      <HeatMapLegend />
      {content}
    </InfoCard>
  );
}
