import { useState } from 'react';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { makeStyles } from '@material-ui/core/styles';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useSbomReports } from '../../hooks/useSbomReports';
import { formatCount } from '../../utils/formatMetricValue';
import { RelativeTime } from '../RelativeTime';
import { NoSbomsYet } from './NoSbomsYet';
import { OffendersPanel } from './OffendersPanel';
import { plural } from './ReportToolbar';
import { VulnerabilitiesPanel } from './VulnerabilitiesPanel';

const useStyles = makeStyles(theme => ({
  tabs: {
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
}));

const TABS = [
  { id: 'offenders', label: 'Main offenders' },
  { id: 'vulnerabilities', label: 'Vulnerabilities' },
] as const;

/**
 * Props of the {@link SbomReportsCard}.
 */
export interface SbomReportsCardProps {
  variant?: InfoCardVariants;
}

/**
 * The organisation's dependencies, from the latest SBOM of each component:
 * the packages and licenses behind the most license violations, and the open
 * vulnerabilities by severity, each with a CSV of every finding. Before any
 * SBOM was uploaded, it says how CI uploads one.
 */
export function SbomReportsCard(props: SbomReportsCardProps) {
  const classes = useStyles();
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('offenders');
  const { value, error } = useSbomReports();

  let content;
  let subheader;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Progress />;
  } else if (value.offenders.scannedEntityCount === 0) {
    content = <NoSbomsYet />;
  } else {
    const { offenders, vulnerabilities } = value;
    const counts = {
      offenders: offenders.violationCount,
      vulnerabilities: vulnerabilities.totalCount,
    };
    subheader = (
      <span>
        {`From the SBOMs of ${plural(
          offenders.scannedEntityCount,
          'component',
        )}`}
        {offenders.lastScannedAt && (
          <>
            {' · latest uploaded '}
            <RelativeTime at={offenders.lastScannedAt} />
          </>
        )}
      </span>
    );
    content = (
      <>
        <Tabs
          value={tab}
          onChange={(_event, next) => setTab(next)}
          indicatorColor="primary"
          textColor="primary"
          variant="fullWidth"
          className={classes.tabs}
          aria-label="SBOM reports"
        >
          {TABS.map(t => (
            <Tab
              key={t.id}
              value={t.id}
              label={`${t.label} (${formatCount(counts[t.id])})`}
              id={`ospo-sbom-tab-${t.id}`}
              aria-controls={`ospo-sbom-panel-${t.id}`}
            />
          ))}
        </Tabs>
        <div
          role="tabpanel"
          id={`ospo-sbom-panel-${tab}`}
          aria-labelledby={`ospo-sbom-tab-${tab}`}
        >
          {tab === 'offenders' ? (
            <OffendersPanel offenders={offenders} />
          ) : (
            <VulnerabilitiesPanel vulnerabilities={vulnerabilities} />
          )}
        </div>
      </>
    );
  }

  return (
    <InfoCard
      title="Dependencies and vulnerabilities"
      subheader={subheader}
      variant={props.variant}
    >
      {content}
    </InfoCard>
  );
}
