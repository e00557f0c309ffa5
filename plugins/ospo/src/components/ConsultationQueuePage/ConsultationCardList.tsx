import { MouseEvent } from 'react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import MuiLink from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
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
import { ConsultationStatusChip } from '../ConsultationStatusChip';
import { ConsultationUrgencyChip } from '../ConsultationUrgencyChip';
import { LabelledSelect } from '../LabelledSelect';
import { QueueOrder } from './queueFilters';
import { PAGE_SIZES } from './queueSearchParams';
import { QueueSelection } from './useQueueSelection';

const useStyles = makeStyles(theme => ({
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(2, 2, 1),
  },
  sort: {
    minWidth: 170,
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: theme.spacing(0, 1),
  },
  card: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
    cursor: 'pointer',
  },
  checkbox: {
    margin: theme.spacing(-1, 0, 0, -1),
  },
  main: {
    flex: 1,
    minWidth: 0,
  },
  summary: {
    textAlign: 'left',
    fontWeight: theme.typography.fontWeightMedium as number,
    overflowWrap: 'anywhere',
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    margin: theme.spacing(1, 0),
  },
  meta: {
    marginTop: theme.spacing(0.25),
    overflowWrap: 'anywhere',
  },
  empty: {
    padding: theme.spacing(4, 2),
    textAlign: 'center',
  },
}));

/** The orders a phone offers, as one choice each. */
const SORTS: Array<{ value: string; label: string; order: QueueOrder }> = [
  {
    value: 'createdAt-desc',
    label: 'Newest first',
    order: { orderBy: 'createdAt', order: 'desc' },
  },
  {
    value: 'createdAt-asc',
    label: 'Oldest first',
    order: { orderBy: 'createdAt', order: 'asc' },
  },
  {
    value: 'urgency-desc',
    label: 'Most urgent first',
    order: { orderBy: 'urgency', order: 'desc' },
  },
  {
    value: 'updatedAt-desc',
    label: 'Recently updated',
    order: { orderBy: 'updatedAt', order: 'desc' },
  },
  {
    value: 'status-asc',
    label: 'By status',
    order: { orderBy: 'status', order: 'asc' },
  },
];

// Links and checkboxes in a card act on their own, without opening it.
const stopPropagation = (event: MouseEvent) => event.stopPropagation();

/**
 * The queue on a phone: one card per request, with its summary, status,
 * urgency, whether it is overdue, its entity and its age; a sort choice
 * above and the pages below. Same data and callbacks as the table.
 */
export function ConsultationCardList(props: {
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
  const { onOpen, onOrderChange, onPageChange, onPageSizeChange } = props;
  const { selection } = props;
  const classes = useStyles();
  const items = page?.items ?? [];
  const sortValue =
    SORTS.find(
      sort =>
        sort.order.orderBy === order.orderBy &&
        sort.order.order === order.order,
    )?.value ?? `${order.orderBy}-${order.order}`;
  const sortOptions = SORTS.some(sort => sort.value === sortValue)
    ? SORTS
    : [...SORTS, { value: sortValue, label: 'Custom order', order }];

  return (
    <Paper>
      <Box className={classes.head}>
        <Box>
          <Typography variant="h6" component="h2">
            Requests
          </Typography>
          {page && (
            <Typography variant="body2" color="textSecondary">
              {page.totalCount} {page.totalCount === 1 ? 'request' : 'requests'}
            </Typography>
          )}
        </Box>
        <LabelledSelect
          label="Sort"
          className={classes.sort}
          value={sortValue}
          options={sortOptions}
          onChange={value => {
            const sort = SORTS.find(s => s.value === value);
            if (sort) {
              onOrderChange(sort.order);
            }
          }}
        />
      </Box>
      {selection && items.length > 0 && (
        <Box px={2}>
          <FormControlLabel
            control={
              <Checkbox
                size="small"
                checked={selection.allSelected}
                indeterminate={selection.someSelected}
                onChange={e => selection.setPage(e.target.checked)}
              />
            }
            label="Select this page"
          />
        </Box>
      )}
      {loading ? <LinearProgress /> : <Box height={4} />}
      {items.length > 0 ? (
        <ul className={classes.list} aria-label="Requests">
          {items.map(consultation => (
            <Paper
              key={consultation.id}
              component="li"
              variant="outlined"
              className={classes.card}
              onClick={() => onOpen(consultation)}
            >
              {selection && (
                <Checkbox
                  size="small"
                  className={classes.checkbox}
                  checked={selection.isSelected(consultation.id)}
                  onClick={stopPropagation}
                  onChange={() => selection.toggle(consultation)}
                  inputProps={{
                    'aria-label': `Select “${consultation.summary}”`,
                  }}
                />
              )}
              <Box className={classes.main}>
                <MuiLink
                  component="button"
                  variant="body1"
                  className={classes.summary}
                  onClick={(event: MouseEvent) => {
                    stopPropagation(event);
                    onOpen(consultation);
                  }}
                >
                  {consultation.summary}
                </MuiLink>
                <Box className={classes.chips}>
                  <ConsultationStatusChip status={consultation.status} />
                  <ConsultationUrgencyChip urgency={consultation.urgency} />
                  <ConsultationOverdueChip consultation={consultation} />
                </Box>
                <Typography variant="body2" component="div">
                  <span onClick={stopPropagation} role="presentation">
                    <EntityRefLink entityRef={consultation.entityRef} />
                  </span>
                </Typography>
                <Typography
                  variant="body2"
                  color="textSecondary"
                  className={classes.meta}
                >
                  <span>{topicTitle(topics, consultation.topic)}</span>
                  {' · '}
                  <time
                    dateTime={consultation.createdAt}
                    title={`Requested ${formatDateTime(
                      consultation.createdAt,
                    )}`}
                  >
                    {formatAge(consultation.createdAt)} old
                  </time>
                </Typography>
              </Box>
            </Paper>
          ))}
        </ul>
      ) : (
        !loading && (
          <Box className={classes.empty}>
            <Typography variant="h6" component="p">
              No requests match these filters
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Try other words or filters.
            </Typography>
          </Box>
        )
      )}
      <TablePagination
        component="div"
        count={page?.totalCount ?? 0}
        page={pageIndex}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        labelRowsPerPage="Per page"
        onPageChange={(_event, newPage) => onPageChange(newPage)}
        onRowsPerPageChange={e => onPageSizeChange(Number(e.target.value))}
      />
    </Paper>
  );
}
