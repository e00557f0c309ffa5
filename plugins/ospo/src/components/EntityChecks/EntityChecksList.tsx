import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Collapse from '@material-ui/core/Collapse';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { EntityCheckResult } from '@ospo-kit/plugin-ospo-common';
import { CheckResultRow } from './CheckResultRow';
import { CheckVerdictIcon } from './CheckVerdictIcon';

const useStyles = makeStyles(theme => ({
  toggle: {
    paddingTop: theme.spacing(0.5),
    paddingBottom: theme.spacing(0.5),
    borderRadius: theme.shape.borderRadius,
  },
  icon: { minWidth: theme.spacing(4) },
  passes: { paddingLeft: theme.spacing(2) },
}));

/**
 * An entity's check results, worst first: every one that does not pass in
 * full, then the passes folded into one line that opens on demand, to keep a
 * summary card short.
 */
export function EntityChecksList(props: {
  results: EntityCheckResult[];
  onConsult?: (result: EntityCheckResult) => void;
}) {
  const { results, onConsult } = props;
  const classes = useStyles();
  const [showPasses, setShowPasses] = useState(false);
  if (results.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No checks apply to this entity.
      </Typography>
    );
  }
  // The API lists them worst first; filtering keeps that order.
  const attention = results.filter(r => r.verdict !== 'pass');
  const passes = results.filter(r => r.verdict === 'pass');
  let passLine = `${passes.length} checks pass`;
  if (attention.length === 0) {
    passLine =
      passes.length === 1
        ? 'The 1 check passes'
        : `All ${passes.length} checks pass`;
  } else if (passes.length === 1) {
    passLine = '1 check passes';
  }
  return (
    <Box>
      {attention.length > 0 && (
        <List dense disablePadding aria-label="Checks to look at">
          {attention.map(result => (
            <CheckResultRow
              key={result.checkId}
              result={result}
              onConsult={onConsult}
            />
          ))}
        </List>
      )}
      {passes.length > 0 && (
        <>
          {/* Outside the lists: a button, not an item of either. */}
          <ListItem
            button
            disableGutters
            className={classes.toggle}
            aria-expanded={showPasses}
            onClick={() => setShowPasses(shown => !shown)}
          >
            <ListItemIcon className={classes.icon}>
              <CheckVerdictIcon verdict="pass" decorative />
            </ListItemIcon>
            <ListItemText
              primary={passLine}
              primaryTypographyProps={{ variant: 'body2' }}
            />
            {showPasses ? (
              <ExpandLessIcon fontSize="small" aria-hidden />
            ) : (
              <ExpandMoreIcon fontSize="small" aria-hidden />
            )}
          </ListItem>
          <Collapse in={showPasses} unmountOnExit>
            <List
              dense
              disablePadding
              aria-label="Passing checks"
              className={classes.passes}
            >
              {passes.map(result => (
                <CheckResultRow
                  key={result.checkId}
                  result={result}
                  onConsult={onConsult}
                />
              ))}
            </List>
          </Collapse>
        </>
      )}
    </Box>
  );
}
