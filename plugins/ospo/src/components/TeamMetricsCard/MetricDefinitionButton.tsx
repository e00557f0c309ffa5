import { MouseEvent, useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import {
  MetricDefinition,
  MetricDirection,
  MetricUnit,
} from '@ospo-kit/plugin-ospo-common';
import { InlineCode } from './InlineCode';

const useStyles = makeStyles(theme => ({
  button: {
    marginLeft: theme.spacing(0.25),
    padding: theme.spacing(0.5),
  },
  paper: {
    maxWidth: 420,
    padding: theme.spacing(2),
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1.5, 0, 0),
    '& dt': {
      color: theme.palette.text.secondary,
    },
    '& dd': {
      margin: 0,
    },
  },
  code: {
    '& code': {
      fontSize: '0.85em',
      padding: theme.spacing(0, 0.5),
      borderRadius: theme.shape.borderRadius,
      backgroundColor: theme.palette.action.hover,
    },
  },
}));

const UNIT_LABELS: Record<MetricUnit, string> = {
  ratio: 'Percentage',
  count: 'Count',
  hours: 'Hours (days past two days)',
  score: 'Score, e.g. a mean rating from 1 to 5',
};

const DIRECTION_LABELS: Record<MetricDirection, string> = {
  'higher-is-better': 'Higher is better',
  'lower-is-better': 'Lower is better',
  neutral: 'Neither: an inventory, not a goal',
};

/**
 * An info button next to a metric's title that opens its published
 * definition: what it tells, how it is computed, and how to read it.
 */
export function MetricDefinitionButton(props: {
  definition: MetricDefinition;
}) {
  const { definition } = props;
  const classes = useStyles();
  const [anchor, setAnchor] = useState<HTMLElement | undefined>();
  const headingId = `ospo-metric-definition-${definition.id.replace(
    /[^\w-]/g,
    '-',
  )}`;
  const breakdowns = Object.values(definition.breakdowns ?? {});

  return (
    <>
      <IconButton
        size="small"
        className={classes.button}
        aria-label={`About ${definition.title}`}
        aria-haspopup="dialog"
        onClick={(event: MouseEvent<HTMLElement>) =>
          setAnchor(event.currentTarget)
        }
      >
        <InfoOutlinedIcon fontSize="inherit" />
      </IconButton>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        transformOrigin={{ vertical: 'top', horizontal: 'left' }}
        PaperProps={{
          role: 'dialog',
          'aria-labelledby': headingId,
          className: classes.paper,
        }}
      >
        <Typography variant="subtitle1" component="h4" id={headingId}>
          <strong>{definition.title}</strong>
        </Typography>
        <Typography variant="body2" paragraph className={classes.code}>
          <InlineCode text={definition.description} />
        </Typography>
        <Typography variant="body2" className={classes.code}>
          <strong>How it is computed:</strong>{' '}
          <InlineCode text={definition.computation} />
        </Typography>
        <Typography variant="body2" component="dl" className={classes.facts}>
          <dt>Unit</dt>
          <dd>{UNIT_LABELS[definition.unit] ?? definition.unit}</dd>
          <dt>Better</dt>
          <dd>
            {DIRECTION_LABELS[definition.direction] ?? definition.direction}
          </dd>
          <dt>Entity kinds</dt>
          <dd>
            {definition.kinds.length > 0
              ? definition.kinds.join(', ')
              : 'None: not read from the catalog'}
          </dd>
          {breakdowns.length > 0 && (
            <>
              <dt>Broken down by</dt>
              <dd>{breakdowns.join(', ')}</dd>
            </>
          )}
        </Typography>
      </Popover>
    </>
  );
}
