import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EntityCheckResult } from '@ospo-kit/plugin-ospo-common';
import { CheckVerdictIcon } from './CheckVerdictIcon';

const useStyles = makeStyles(theme => ({
  row: {
    paddingTop: theme.spacing(0.75),
    paddingBottom: theme.spacing(0.75),
  },
  icon: {
    minWidth: theme.spacing(4),
    // Level with the title's first line.
    marginTop: 2,
  },
  text: {
    margin: 0,
    // Backstage's theme keeps dense list text to one line; a reason or a fix
    // cut short would hide what to do.
    whiteSpace: 'normal',
    overflow: 'visible',
    overflowWrap: 'anywhere',
  },
  title: { fontWeight: theme.typography.fontWeightMedium as number },
  fix: {
    marginTop: theme.spacing(0.5),
    color: theme.palette.text.primary,
  },
  fixLabel: { fontWeight: theme.typography.fontWeightMedium as number },
  consult: {
    marginTop: theme.spacing(0.5),
    marginLeft: theme.spacing(-1),
  },
  guidance: {
    whiteSpace: 'nowrap',
    // The external link icon at the text's size, not a button's.
    '& svg': { fontSize: '1em', verticalAlign: 'text-bottom' },
  },
}));

/**
 * One check's verdict: its title and why, and unless it passes, how to fix it
 * and the organisation's guidance; and when the verdict names a topic the
 * OSPO helps with, a way to consult it (`onConsult`, left out for those who
 * may not file a request).
 */
export function CheckResultRow(props: {
  result: EntityCheckResult;
  onConsult?: (result: EntityCheckResult) => void;
}) {
  const { result, onConsult } = props;
  const { checkId, title, verdict, reason, fix, guidanceUrl, consultTopic } =
    result;
  const classes = useStyles();
  const consult = verdict !== 'pass' && consultTopic && onConsult;
  const advice = verdict !== 'pass' && (fix || guidanceUrl);
  return (
    <ListItem
      disableGutters
      alignItems="flex-start"
      className={classes.row}
      data-check={checkId}
      data-verdict={verdict}
    >
      <ListItemIcon className={classes.icon}>
        <CheckVerdictIcon verdict={verdict} />
      </ListItemIcon>
      <ListItemText
        className={classes.text}
        primary={title}
        primaryTypographyProps={{ variant: 'body2', className: classes.title }}
        // A div, not a p: it holds the fix's own paragraph.
        secondaryTypographyProps={{ component: 'div', variant: 'body2' }}
        secondary={
          <>
            {reason}
            {advice && (
              <Typography variant="body2" className={classes.fix}>
                {fix && (
                  <>
                    <span className={classes.fixLabel}>Fix:</span> {fix}
                  </>
                )}
                {fix && guidanceUrl && ' '}
                {guidanceUrl && (
                  <Link
                    to={guidanceUrl}
                    externalLinkIcon
                    className={classes.guidance}
                    aria-label={`Guidance on ${title}`}
                  >
                    Guidance
                  </Link>
                )}
              </Typography>
            )}
            {consult && (
              <Button
                size="small"
                color="primary"
                className={classes.consult}
                onClick={() => onConsult(result)}
                aria-label={`Consult the OSPO about ${title}`}
              >
                Consult the OSPO
              </Button>
            )}
          </>
        }
      />
    </ListItem>
  );
}
