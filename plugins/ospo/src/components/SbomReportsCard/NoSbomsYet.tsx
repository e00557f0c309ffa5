import Typography from '@material-ui/core/Typography';
import { EmptyState } from '@backstage/core-components';

/**
 * What the card says before any SBOM was uploaded: what it will show, and
 * how a component's CI uploads one.
 */
export function NoSbomsYet() {
  return (
    <EmptyState
      missing="data"
      title="No SBOM uploaded yet"
      description={
        <>
          <Typography variant="body1" component="span" display="block">
            The dependencies under denied licenses and the open vulnerabilities
            of your components show up here once their SBOMs are uploaded.
          </Typography>
          <Typography
            variant="body1"
            component="span"
            display="block"
            style={{ marginTop: 8 }}
          >
            From CI, POST a CycloneDX SBOM (JSON) to{' '}
            <code>
              /api/ospo/entities/&lt;kind&gt;/&lt;namespace&gt;/&lt;name&gt;/sbom
            </code>
            , e.g.{' '}
            <code>/api/ospo/entities/component/default/checkout/sbom</code>, on
            every build of the default branch.
          </Typography>
        </>
      }
    />
  );
}
