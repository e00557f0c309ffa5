import Grid from '@material-ui/core/Grid';
import { InfoCard, InfoCardVariants } from '@backstage/core-components';
import { ChecklistMatrix } from '@ospo-kit/plugin-ospo-common';
import { FindingList } from './FindingList';
import { LowestCompletionList } from './LowestCompletionList';

/**
 * Props of the {@link WhereToActCard}.
 */
export interface WhereToActCardProps {
  variant?: InfoCardVariants;
  /** Changes when a metrics run finished, to load the findings again. */
  version?: number;
  /** Gets the checklist heat map read for the list, unfiltered. */
  onChecklistMatrix?: (matrix: ChecklistMatrix) => void;
}

/**
 * Where the OSPO should act next: the teams with the lowest checklist
 * completion, the components with denied licenses and those without an
 * owner, each a link to the entity.
 */
export function WhereToActCard(props: WhereToActCardProps) {
  return (
    <InfoCard title="Where to act" variant={props.variant}>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={4}>
          <LowestCompletionList onMatrix={props.onChecklistMatrix} />
        </Grid>
        <Grid item xs={12} lg={4}>
          <FindingList
            metricId="license.denied"
            title="Denied licenses"
            emptyText="No component uses a denied license."
            version={props.version}
          />
        </Grid>
        <Grid item xs={12} lg={4}>
          <FindingList
            metricId="ownership.coverage"
            title="Components without an owner"
            emptyText="Every component has an owner in the catalog."
            version={props.version}
          />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
