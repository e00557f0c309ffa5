import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * A link to the evidence of an answer. Backstage's Link opens http(s) URLs in
 * a new tab, so the checklist stays where it was.
 */
export function EvidenceLink(props: { url: string }) {
  return (
    <Typography variant="body2" component="span">
      <Link to={props.url} title={props.url} externalLinkIcon>
        Evidence
      </Link>
    </Typography>
  );
}
