import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: 16,
  },
});

/**
 * A text field's helper text with a character counter on the right, so people
 * see the limit before the server refuses a long text.
 */
export function CharacterCountHelperText(props: {
  hint: ReactNode;
  length: number;
  max: number;
}) {
  const classes = useStyles();
  return (
    <span className={classes.row}>
      <span>{props.hint}</span>
      <span>
        {props.length}/{props.max}
      </span>
    </span>
  );
}
