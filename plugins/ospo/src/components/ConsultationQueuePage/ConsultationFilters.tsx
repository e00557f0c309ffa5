import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import { ConsultationTopic } from '@ospo-kit/plugin-ospo-common';
import {
  AssigneeFilter,
  DEFAULT_QUEUE_FILTERS,
  QueueFilters,
  STATUS_FILTERS,
  StatusFilter,
} from './queueFilters';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  control: {
    minWidth: 220,
  },
}));

/** The value of the topic select that means every topic. */
const ANY_TOPIC = '*';

/**
 * The filters above the queue: status, topic and assignee.
 */
export function ConsultationFilters(props: {
  value: QueueFilters;
  topics: ConsultationTopic[];
  /** Whether "Assigned to me" can be offered: the user is known. */
  canFilterByMe: boolean;
  onChange: (value: QueueFilters) => void;
}) {
  const { value, topics, canFilterByMe, onChange } = props;
  const classes = useStyles();
  const id = useId();
  const isDefault =
    value.status === DEFAULT_QUEUE_FILTERS.status &&
    value.topic === DEFAULT_QUEUE_FILTERS.topic &&
    value.assignee === DEFAULT_QUEUE_FILTERS.assignee;

  return (
    <Box className={classes.bar} role="group" aria-label="Filters">
      {/* Built from parts rather than select TextFields: that would tie each
          label to the hidden input, and the visible control needs it for its
          accessible name. */}
      <FormControl variant="outlined" size="small" className={classes.control}>
        <InputLabel id={`${id}-status-label`}>Status</InputLabel>
        <Select
          labelId={`${id}-status-label`}
          label="Status"
          value={value.status}
          onChange={e =>
            onChange({ ...value, status: e.target.value as StatusFilter })
          }
          SelectDisplayProps={{ id: `${id}-status` }}
        >
          {STATUS_FILTERS.map(filter => (
            <MenuItem key={filter.id} value={filter.id}>
              {filter.label}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl variant="outlined" size="small" className={classes.control}>
        <InputLabel id={`${id}-topic-label`}>Topic</InputLabel>
        <Select
          labelId={`${id}-topic-label`}
          label="Topic"
          value={value.topic || ANY_TOPIC}
          onChange={e => {
            const topic = e.target.value as string;
            onChange({ ...value, topic: topic === ANY_TOPIC ? '' : topic });
          }}
          SelectDisplayProps={{ id: `${id}-topic` }}
        >
          <MenuItem value={ANY_TOPIC}>Any topic</MenuItem>
          {topics.map(topic => (
            <MenuItem key={topic.id} value={topic.id}>
              {topic.title}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl variant="outlined" size="small" className={classes.control}>
        <InputLabel id={`${id}-assignee-label`}>Assignee</InputLabel>
        <Select
          labelId={`${id}-assignee-label`}
          label="Assignee"
          value={value.assignee}
          onChange={e =>
            onChange({ ...value, assignee: e.target.value as AssigneeFilter })
          }
          SelectDisplayProps={{ id: `${id}-assignee` }}
        >
          <MenuItem value="anyone">Anyone</MenuItem>
          <MenuItem value="me" disabled={!canFilterByMe}>
            Assigned to me
          </MenuItem>
          <MenuItem value="unassigned">Unassigned</MenuItem>
        </Select>
      </FormControl>
      {!isDefault && (
        <Button size="small" onClick={() => onChange(DEFAULT_QUEUE_FILTERS)}>
          Reset filters
        </Button>
      )}
    </Box>
  );
}
