import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  card: {
    // On a phone, a card's header action (a button, a select) takes its own
    // line under the title: beside it, the title and subheader were squeezed
    // to a word per line.
    [theme.breakpoints.down('xs')]: {
      '& .MuiCardHeader-root': { flexWrap: 'wrap' },
      '& .MuiCardHeader-content': { flexBasis: '100%' },
      '& .MuiCardHeader-action': {
        margin: theme.spacing(1, 0, 0, 0),
        alignSelf: 'flex-start',
      },
    },
  },
}));

/** A class for an `InfoCard` whose header has an action. */
export function useWrappingCardHeader(): string {
  return useStyles().card;
}
