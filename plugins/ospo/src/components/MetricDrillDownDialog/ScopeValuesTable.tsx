import MuiLink from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  MetricDefinition,
  MetricScope,
  MetricValue,
} from '@ospo-kit/plugin-ospo-common';
import { MetricFigure } from '../TeamMetricsCard/MetricFigure';

const useStyles = makeStyles(theme => ({
  drill: {
    display: 'inline-flex',
    alignItems: 'center',
    textAlign: 'left',
    fontWeight: theme.typography.fontWeightMedium as number,
    ...theme.typography.body2,
  },
  figure: {
    whiteSpace: 'nowrap',
  },
}));

/** Whether a scope has Groups below it to drill into. */
export function isDepartment(scope: MetricScope): boolean {
  return scope.type === 'department' || (scope.childRefs?.length ?? 0) > 0;
}

/**
 * One metric's figure for each Group below a scope, by name. A department
 * opens its own Groups; a team links to its Group page.
 */
export function ScopeValuesTable(props: {
  definition: MetricDefinition;
  items: Array<{ scope: MetricScope; value: MetricValue }>;
  onDrill: (scope: MetricScope, value: MetricValue) => void;
}) {
  const { definition, items, onDrill } = props;
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const sorted = [...items].sort((a, b) =>
    a.scope.title.localeCompare(b.scope.title),
  );

  return (
    <Table size="small" aria-label={`${definition.title} by Group`}>
      <TableHead>
        <TableRow>
          <TableCell>Group</TableCell>
          <TableCell>Type</TableCell>
          <TableCell align="right">{definition.title}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map(({ scope, value }) => {
          const department = isDepartment(scope);
          const children = scope.childRefs?.length ?? 0;
          return (
            <TableRow key={scope.ref} data-scope={scope.ref}>
              <TableCell component="th" scope="row" role="rowheader">
                {department ? (
                  <MuiLink
                    component="button"
                    className={classes.drill}
                    onClick={() => onDrill(scope, value)}
                    aria-label={`${scope.title}: show the Groups in it`}
                  >
                    {scope.title}
                    <ChevronRightIcon fontSize="small" aria-hidden />
                  </MuiLink>
                ) : (
                  <Link to={entityLink(scope.ref)}>{scope.title}</Link>
                )}
              </TableCell>
              <TableCell>
                <Typography variant="body2" color="textSecondary">
                  {department
                    ? `Department · ${children} ${
                        children === 1 ? 'Group' : 'Groups'
                      }`
                    : 'Team'}
                </Typography>
              </TableCell>
              <TableCell align="right" className={classes.figure}>
                <MetricFigure definition={definition} value={value} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
