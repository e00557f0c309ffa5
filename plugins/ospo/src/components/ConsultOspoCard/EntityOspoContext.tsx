import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import DescriptionIcon from '@material-ui/icons/Description';
import GavelIcon from '@material-ui/icons/Gavel';
import PublicIcon from '@material-ui/icons/Public';
import WarningIcon from '@material-ui/icons/ReportProblemOutlined';
import { Link } from '@backstage/core-components';
import { isHttpUrl } from '../../utils/isHttpUrl';
import { EntityOspoFact } from './entityOspoFacts';

const useStyles = makeStyles(theme => ({
  item: {
    alignItems: 'flex-start',
    paddingTop: theme.spacing(0.25),
    paddingBottom: theme.spacing(0.25),
  },
  icon: {
    minWidth: theme.spacing(4),
    marginTop: theme.spacing(0.75),
  },
  warning: {
    color: theme.palette.warning.main,
  },
  url: {
    overflowWrap: 'anywhere',
  },
}));

const ICONS: Record<EntityOspoFact['id'], JSX.Element> = {
  license: <GavelIcon fontSize="small" />,
  published: <PublicIcon fontSize="small" />,
  fork: <CallSplitIcon fontSize="small" />,
  sbom: <DescriptionIcon fontSize="small" />,
};

/**
 * What the OSPO would want to know about this entity, so a request starts
 * from the facts the catalog already has.
 */
export function EntityOspoContext(props: {
  facts: EntityOspoFact[];
  labelledBy: string;
}) {
  const { facts, labelledBy } = props;
  const classes = useStyles();
  return (
    <List dense disablePadding aria-labelledby={labelledBy}>
      {facts.map(fact => (
        <ListItem
          key={fact.id}
          disableGutters
          className={classes.item}
          data-fact={fact.id}
        >
          <ListItemIcon
            className={`${classes.icon} ${
              fact.tone === 'present' ? '' : classes.warning
            }`}
          >
            {fact.tone === 'present' ? (
              ICONS[fact.id]
            ) : (
              <WarningIcon
                fontSize="small"
                titleAccess={fact.tone === 'missing' ? 'Missing' : 'Invalid'}
              />
            )}
          </ListItemIcon>
          <ListItemText
            primary={<FactText fact={fact} />}
            secondary={fact.hint}
          />
        </ListItem>
      ))}
    </List>
  );
}

function FactText(props: { fact: EntityOspoFact }) {
  const { fact } = props;
  const classes = useStyles();
  if (!fact.url) {
    return <>{fact.text}</>;
  }
  // The SBOM link says what it opens; the repository links show where they
  // lead, since the address is the fact.
  const isSbom = fact.id === 'sbom';
  if (!isHttpUrl(fact.url)) {
    return (
      <>
        {fact.text}
        {isSbom ? ` (${fact.url})` : ` ${fact.url}`}
      </>
    );
  }
  return (
    <>
      {fact.text}{' '}
      {isSbom ? (
        <>
          (
          <Link to={fact.url} externalLinkIcon>
            view SBOM
          </Link>
          )
        </>
      ) : (
        <Link to={fact.url} externalLinkIcon className={classes.url}>
          {fact.url}
        </Link>
      )}
    </>
  );
}
