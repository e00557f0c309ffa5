import { useId, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import { makeStyles } from '@material-ui/core/styles';
import FilterListIcon from '@material-ui/icons/FilterList';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConsultationTopic,
  OfficeStaffMember,
} from '@ospo-kit/plugin-ospo-common';
import { CatalogEntityPicker } from '../CatalogEntityPicker';
import { LabelledSelect, SelectOption } from '../LabelledSelect';
import { QueueSearchField } from './QueueSearchField';
import {
  DEFAULT_QUEUE_FILTERS,
  QueueFilters,
  STATUS_FILTERS,
  StatusFilter,
  countSecondaryFilters,
  isDefaultFilters,
} from './queueFilters';

const useStyles = makeStyles(theme => ({
  bar: {
    marginBottom: theme.spacing(2),
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    // The search's hint below it must not pull the other controls down.
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    [theme.breakpoints.down('xs')]: {
      flexDirection: 'column',
      alignItems: 'stretch',
      gap: theme.spacing(1.5),
    },
  },
  secondary: {
    paddingTop: theme.spacing(2),
    [theme.breakpoints.down('xs')]: {
      paddingTop: theme.spacing(1.5),
    },
  },
  // The search takes the room left; the switch and buttons after it fit
  // beside it on a laptop even with "Reset filters" showing.
  search: {
    flex: '1 1 200px',
    minWidth: 200,
    maxWidth: 480,
    [theme.breakpoints.down('xs')]: {
      flex: 'none',
      maxWidth: 'none',
    },
  },
  control: {
    width: 190,
    [theme.breakpoints.down('xs')]: {
      width: '100%',
    },
  },
  picker: {
    width: 260,
    [theme.breakpoints.down('xs')]: {
      width: '100%',
    },
  },
  // Switches and buttons sit on the line of the 40px tall inputs.
  inline: {
    display: 'flex',
    flexWrap: 'nowrap',
    alignItems: 'center',
    minHeight: 40,
    gap: theme.spacing(1),
    [theme.breakpoints.down('xs')]: {
      flexWrap: 'wrap',
    },
  },
  mine: {
    marginLeft: 0,
    marginRight: 0,
    whiteSpace: 'nowrap',
  },
}));

/** The value of a select that means "no filter". */
const ANY = '*';

/** The kinds a consultation request can be about. */
const REQUEST_ENTITY_KINDS = [
  'Component',
  'API',
  'System',
  'Resource',
  'Group',
];

function userTitle(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/**
 * The filters above the queue. Search, status, assignee and "Mine" show at
 * once; topic, requester, entity and owner team fold under "More filters",
 * which opens by itself when one of them is in use.
 */
export function ConsultationFilters(props: {
  value: QueueFilters;
  topics: ConsultationTopic[];
  /** The OSPO's staff, the assignees to filter by; undefined until known. */
  staff?: OfficeStaffMember[];
  /** Whether the signed-in user is OSPO staff; undefined until known. */
  isStaff?: boolean;
  onChange: (value: QueueFilters) => void;
}) {
  const { value, topics, staff, isStaff, onChange } = props;
  const classes = useStyles();
  const id = useId();
  const secondaryCount = countSecondaryFilters(value);
  const [more, setMore] = useState(secondaryCount > 0);
  const set = <K extends keyof QueueFilters>(name: K, v: QueueFilters[K]) =>
    onChange({ ...value, [name]: v });

  const assigneeOptions = useMemo((): SelectOption[] => {
    const options: SelectOption[] = [
      { value: 'anyone', label: 'Anyone' },
      { value: 'unassigned', label: 'Unassigned' },
      ...(staff ?? []).map(member => ({
        value: member.userRef,
        label: member.displayName,
      })),
    ];
    // A ref from the URL shows before the staff load, or after it left.
    if (!options.some(option => option.value === value.assignee)) {
      options.push({ value: value.assignee, label: userTitle(value.assignee) });
    }
    return options;
  }, [staff, value.assignee]);

  const topicOptions = useMemo((): SelectOption[] => {
    const options: SelectOption[] = [
      { value: ANY, label: 'Any topic' },
      ...topics.map(topic => ({ value: topic.id, label: topic.title })),
    ];
    if (value.topic && !topics.some(topic => topic.id === value.topic)) {
      options.push({ value: value.topic, label: value.topic });
    }
    return options;
  }, [topics, value.topic]);

  let mineLabel = 'Mine';
  if (isStaff === true) {
    mineLabel = 'Assigned to me';
  } else if (isStaff === false) {
    mineLabel = 'Filed by me';
  }

  return (
    <Box className={classes.bar} role="group" aria-label="Filters">
      <Box className={classes.row}>
        <QueueSearchField
          className={classes.search}
          value={value.q}
          onChange={q => set('q', q)}
        />
        <LabelledSelect
          label="Status"
          className={classes.control}
          value={value.status}
          options={STATUS_FILTERS.map(filter => ({
            value: filter.id,
            label: filter.label,
          }))}
          onChange={status => set('status', status as StatusFilter)}
        />
        <LabelledSelect
          label="Assignee"
          className={classes.control}
          value={value.assignee}
          options={assigneeOptions}
          onChange={assignee => set('assignee', assignee)}
        />
        <Box className={classes.inline}>
          <FormControlLabel
            className={classes.mine}
            control={
              <Switch
                color="primary"
                checked={value.mine}
                disabled={isStaff === undefined}
                onChange={e => set('mine', e.target.checked)}
              />
            }
            label={mineLabel}
          />
          <Button
            onClick={() => setMore(!more)}
            aria-expanded={more}
            aria-controls={`${id}-more`}
            startIcon={<FilterListIcon />}
          >
            {more ? 'Fewer filters' : 'More filters'}
            {!more && secondaryCount > 0 && ` (${secondaryCount})`}
          </Button>
          {!isDefaultFilters(value) && (
            <Button onClick={() => onChange(DEFAULT_QUEUE_FILTERS)}>
              Reset filters
            </Button>
          )}
        </Box>
      </Box>
      <Collapse in={more}>
        <Box
          id={`${id}-more`}
          className={`${classes.row} ${classes.secondary}`}
        >
          <LabelledSelect
            label="Topic"
            className={classes.control}
            value={value.topic || ANY}
            options={topicOptions}
            onChange={topic => set('topic', topic === ANY ? '' : topic)}
          />
          <CatalogEntityPicker
            label="Requester"
            noun="users"
            kinds={['User']}
            className={classes.picker}
            value={value.requesterRef}
            onChange={ref => set('requesterRef', ref)}
          />
          <CatalogEntityPicker
            label="Entity"
            noun="entities"
            kinds={REQUEST_ENTITY_KINDS}
            className={classes.picker}
            value={value.entityRef}
            onChange={ref => set('entityRef', ref)}
          />
          <CatalogEntityPicker
            label="Owner team"
            noun="groups"
            kinds={['Group']}
            className={classes.picker}
            value={value.ownerRef}
            onChange={ref => set('ownerRef', ref)}
          />
        </Box>
      </Collapse>
    </Box>
  );
}
