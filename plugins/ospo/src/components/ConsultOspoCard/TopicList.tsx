import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { ConsultationTopic } from '@ospo-kit/plugin-ospo-common';
import { isHttpUrl } from '../../utils/isHttpUrl';

const useStyles = makeStyles(theme => ({
  topic: {
    display: 'block',
    paddingTop: theme.spacing(0.75),
    paddingBottom: theme.spacing(0.75),
  },
  title: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/**
 * What the OSPO helps with, so people know whether and how to ask it.
 */
export function TopicList(props: {
  topics: ConsultationTopic[];
  labelledBy: string;
}) {
  const { topics, labelledBy } = props;
  const classes = useStyles();
  if (topics.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The OSPO has not listed its topics yet: ask it anything about open
        source.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-labelledby={labelledBy}>
      {topics.map(topic => (
        <ListItem key={topic.id} disableGutters className={classes.topic}>
          <Typography variant="body2" className={classes.title}>
            {topic.title}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {topic.description}
            {topic.guidanceUrl && isHttpUrl(topic.guidanceUrl) && (
              <>
                {' '}
                <Link
                  to={topic.guidanceUrl}
                  externalLinkIcon
                  aria-label={`Guidance on ${topic.title}`}
                >
                  Guidance
                </Link>
              </>
            )}
          </Typography>
        </ListItem>
      ))}
    </List>
  );
}
