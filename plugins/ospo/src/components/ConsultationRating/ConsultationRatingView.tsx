import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Rating from '@material-ui/lab/Rating';
import { ConsultationRating } from '@ospo-kit/plugin-ospo-common';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  comment: {
    marginTop: theme.spacing(0.75),
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

/** "4 of 5", as the stars read to a screen reader and beside them. */
export function ratingLabel(score: number): string {
  return `${score} of 5`;
}

/**
 * The requester's rating of an answer, read-only: the stars, the score in
 * words, when it was given and the comment.
 */
export function ConsultationRatingView(props: {
  rating: ConsultationRating;
  /** Leaves out the comment and the time, e.g. in a table cell. */
  compact?: boolean;
}) {
  const { rating, compact } = props;
  const classes = useStyles();
  const label = ratingLabel(rating.score);
  return (
    <Box data-rating={rating.score}>
      <Box className={classes.line}>
        <Rating
          value={rating.score}
          readOnly
          size="small"
          getLabelText={score => `Rated ${ratingLabel(score)}`}
        />
        <Typography variant="body2" component="span">
          {label}
        </Typography>
        {!compact && (
          <Typography variant="caption" color="textSecondary" component="span">
            <RelativeTime at={rating.ratedAt} />
          </Typography>
        )}
      </Box>
      {!compact && rating.comment && (
        <Typography variant="body2" className={classes.comment}>
          {rating.comment}
        </Typography>
      )}
    </Box>
  );
}
