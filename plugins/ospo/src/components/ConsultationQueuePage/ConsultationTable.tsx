import { MouseEvent, useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import MuiLink from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Consultation,
  ConsultationPage,
  ConsultationTopic,
} from '@ospo-kit/plugin-ospo-common';
import { formatAge } from '../../utils/formatAge';
import { formatDateTime } from '../../utils/formatRelativeTime';
import { topicTitle } from '../../utils/topicTitle';
import { ConsultationOverdueChip } from '../ConsultationOverdueChip';
import { ConsultationRatingView } from '../ConsultationRating';
import { ConsultationStatusChip } from '../ConsultationStatusChip';
import { ConsultationUrgencyChip } from '../ConsultationUrgencyChip';
import { UserRefLink } from '../UserRefLink';
import { QueueOrder } from './queueFilters';
import { PAGE_SIZES } from './queueSearchParams';
import { QueueSelection } from './useQueueSelection';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'block',
    textAlign: 'left',
    fontWeight: theme.typography.fontWeightMedium as number,
    overflowWrap: 'anywhere',
  },
  topic: {
    display: 'block',
    marginTop: theme.spacing(0.25),
  },
  empty: {
    padding: theme.spacing(4, 2),
    textAlign: 'center',
  },
}));

type SortableField = QueueOrder['orderBy'];

/**
 * How a sortable column maps to the backend's order. Age is the inverse of
 * the creation time: the youngest request has the smallest age and the
 * latest createdAt.
 */
const SORT_FIELDS: Record<
  string,
  { orderBy: SortableField; inverted: boolean }
> = {
  urgency: { orderBy: 'urgency', inverted: false },
  status: { orderBy: 'status', inverted: false },
  age: { orderBy: 'createdAt', inverted: true },
};

function flip(order: 'asc' | 'desc'): 'asc' | 'desc' {
  return order === 'asc' ? 'desc' : 'asc';
}

// Links and buttons in a row act on their own, without also opening the row.
const stopPropagation = (event: MouseEvent) => event.stopPropagation();

/**
 * One page of the OSPO's queue. Sorting and paging happen on the server, so
 * the table keeps the server's order and asks for another page or order
 * through its callbacks. With a selection (for staff), each row has a
 * checkbox and the header one selects the page.
 */
export function ConsultationTable(props: {
  page?: ConsultationPage;
  loading: boolean;
  topics: ConsultationTopic[];
  order: QueueOrder;
  pageIndex: number;
  pageSize: number;
  onOpen: (consultation: Consultation) => void;
  onOrderChange: (order: QueueOrder) => void;
  onPageChange: (pageIndex: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  selection?: QueueSelection;
}) {
  const { page, loading, topics, order, pageIndex, pageSize } = props;
  const { selection } = props;
  const { onOpen, onOrderChange, onPageChange, onPageSizeChange } = props;
  const classes = useStyles();

  const columns = useMemo((): Array<
    TableColumn<Consultation> & { id: string }
  > => {
    const sortable = (id: string) => {
      const field = SORT_FIELDS[id];
      let defaultSort: 'asc' | 'desc' | undefined;
      if (field.orderBy === order.orderBy) {
        defaultSort = field.inverted ? flip(order.order) : order.order;
      }
      return {
        // The server sorted the page; keep its order as it is.
        customSort: () => 0,
        defaultSort,
        // Chips and ages read badly when broken over lines.
        cellStyle: { whiteSpace: 'nowrap' as const },
        headerStyle: { whiteSpace: 'nowrap' as const },
      };
    };
    const select: Array<TableColumn<Consultation> & { id: string }> = selection
      ? [
          {
            id: 'select',
            title: (
              <Checkbox
                size="small"
                checked={selection.allSelected}
                indeterminate={selection.someSelected}
                disabled={selection.rows.length === 0}
                onChange={e => selection.setPage(e.target.checked)}
                inputProps={{ 'aria-label': 'Select this page' }}
              />
            ),
            field: 'id',
            sorting: false,
            width: '48px',
            cellStyle: { width: 48, paddingRight: 0 },
            headerStyle: { width: 48, paddingRight: 0 },
            render: row => (
              <span onClick={stopPropagation} role="presentation">
                <Checkbox
                  size="small"
                  checked={selection.isSelected(row.id)}
                  onChange={() => selection.toggle(row)}
                  inputProps={{ 'aria-label': `Select “${row.summary}”` }}
                />
              </span>
            ),
          },
        ]
      : [];
    return [
      ...select,
      {
        id: 'summary',
        title: 'Summary',
        field: 'summary',
        sorting: false,
        // The topic reads as the summary's second line: one column less
        // keeps the table within a laptop's width.
        cellStyle: { minWidth: 220 },
        render: row => (
          <>
            <MuiLink
              component="button"
              variant="body2"
              className={classes.summary}
              onClick={(event: MouseEvent) => {
                stopPropagation(event);
                onOpen(row);
              }}
            >
              {row.summary}
            </MuiLink>
            <Typography
              variant="caption"
              color="textSecondary"
              component="span"
              className={classes.topic}
            >
              {topicTitle(topics, row.topic)}
            </Typography>
          </>
        ),
      },
      {
        id: 'entity',
        title: 'Entity',
        field: 'entityRef',
        sorting: false,
        // Entity names are single words with dashes; never break them.
        cellStyle: { whiteSpace: 'nowrap' as const },
        render: row => (
          <span onClick={stopPropagation} role="presentation">
            <EntityRefLink entityRef={row.entityRef} />
          </span>
        ),
      },
      {
        id: 'requester',
        title: 'Requester',
        field: 'requesterRef',
        sorting: false,
        cellStyle: { whiteSpace: 'nowrap' as const },
        render: row => (
          <span onClick={stopPropagation} role="presentation">
            <UserRefLink userRef={row.requesterRef} />
          </span>
        ),
      },
      {
        id: 'assignee',
        title: 'Assignee',
        field: 'assigneeRef',
        sorting: false,
        cellStyle: { whiteSpace: 'nowrap' as const },
        render: row =>
          row.assigneeRef ? (
            <span onClick={stopPropagation} role="presentation">
              <UserRefLink userRef={row.assigneeRef} />
            </span>
          ) : (
            <Typography variant="body2" color="textSecondary" component="span">
              Unassigned
            </Typography>
          ),
      },
      {
        id: 'urgency',
        title: 'Urgency',
        field: 'urgency',
        ...sortable('urgency'),
        render: row => <ConsultationUrgencyChip urgency={row.urgency} />,
      },
      {
        id: 'status',
        title: 'Status',
        field: 'status',
        ...sortable('status'),
        render: row => (
          <Box display="flex" style={{ gap: 4 }}>
            <ConsultationStatusChip status={row.status} />
            <ConsultationOverdueChip consultation={row} />
          </Box>
        ),
      },
      {
        id: 'age',
        title: 'Age',
        field: 'createdAt',
        ...sortable('age'),
        render: row => (
          <Tooltip title={`Requested ${formatDateTime(row.createdAt)}`}>
            <time dateTime={row.createdAt}>{formatAge(row.createdAt)}</time>
          </Tooltip>
        ),
      },
      {
        id: 'rating',
        title: 'Rating',
        field: 'rating',
        sorting: false,
        cellStyle: { whiteSpace: 'nowrap' as const },
        render: row =>
          row.rating ? (
            <Tooltip title={row.rating.comment ?? 'No comment'}>
              <span>
                <ConsultationRatingView rating={row.rating} compact />
              </span>
            </Tooltip>
          ) : (
            <Typography variant="body2" color="textSecondary" component="span">
              —
            </Typography>
          ),
      },
    ];
  }, [classes, topics, order, onOpen, selection]);

  const handleOrderChange = (columnIndex: number, direction: string) => {
    const column = columns[columnIndex];
    const field = column && SORT_FIELDS[column.id];
    if (!field || (direction !== 'asc' && direction !== 'desc')) {
      return;
    }
    onOrderChange({
      orderBy: field.orderBy,
      order: field.inverted ? flip(direction) : direction,
    });
  };

  return (
    <Table<Consultation>
      // The table keeps its sort column by index: a new set of columns (the
      // checkboxes coming with the staff permission) is a new table.
      key={selection ? 'selectable' : 'read-only'}
      title="Requests"
      subtitle={
        page
          ? `${page.totalCount} ${
              page.totalCount === 1 ? 'request' : 'requests'
            }`
          : undefined
      }
      columns={columns}
      data={page?.items ?? []}
      isLoading={loading}
      options={{
        search: false,
        paging: true,
        pageSize,
        pageSizeOptions: PAGE_SIZES,
        emptyRowsWhenPaging: false,
        padding: 'dense',
        draggable: false,
        thirdSortClick: false,
        keepSortDirectionOnColumnSwitch: false,
      }}
      page={pageIndex}
      totalCount={page?.totalCount ?? 0}
      onPageChange={(newPage: number) => onPageChange(newPage)}
      onRowsPerPageChange={(size: number) => onPageSizeChange(size)}
      onOrderChange={handleOrderChange}
      onRowClick={(_event, row) => row && onOpen(row)}
      emptyContent={
        <Box className={classes.empty}>
          <Typography variant="h6" component="p">
            No requests match these filters
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Try other words or filters.
          </Typography>
        </Box>
      }
    />
  );
}
