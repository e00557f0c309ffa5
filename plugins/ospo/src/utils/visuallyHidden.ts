import { CSSProperties } from '@material-ui/core/styles/withStyles';

/**
 * Styles that hide text from the eye but not from screen readers, for what a
 * tooltip or a colour already says to sighted users.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
