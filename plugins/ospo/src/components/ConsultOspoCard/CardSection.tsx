import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  section: {
    '& + &': {
      marginTop: theme.spacing(3),
    },
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * One titled part of the card. The heading names the section for screen
 * readers too, so people can jump between the card's parts.
 */
export function CardSection(props: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  const { id, title, action, children } = props;
  const classes = useStyles();
  return (
    <Box component="section" aria-labelledby={id} className={classes.section}>
      <Box className={classes.header}>
        <Typography variant="subtitle1" component="h3" id={id}>
          <strong>{title}</strong>
        </Typography>
        {action}
      </Box>
      {children}
    </Box>
  );
}
