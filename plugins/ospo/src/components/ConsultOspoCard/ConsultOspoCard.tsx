import { useCallback, useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import QuestionAnswerIcon from '@material-ui/icons/QuestionAnswer';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Consultation,
  ConsultationTopic,
  ospoConsultationCreatePermission,
} from '@ospo-kit/plugin-ospo-common';
import { useConsultations } from '../../hooks/useConsultations';
import { useOspoOffice } from '../../hooks/useOspoOffice';
import { ConsultationDetailDialog } from '../ConsultationDetailDialog';
import { CardSection } from './CardSection';
import { EntityConsultationList } from './EntityConsultationList';
import { EntityOspoContext } from './EntityOspoContext';
import { OfficeOverview } from './OfficeOverview';
import { RequestConsultationDialog } from './RequestConsultationDialog';
import { TopicList } from './TopicList';
import { entityOspoFacts } from './entityOspoFacts';
import { useWrappingCardHeader } from '../../hooks/useWrappingCardHeader';

/** How many requests the card lists at first, and adds per "Show more". */
const PAGE_SIZE = 5;

/**
 * Props of the {@link EntityConsultOspoCard}.
 *
 * @public
 */
export interface ConsultOspoCardProps {
  variant?: InfoCardVariants;
}

/**
 * "Consult the OSPO" on an entity page: who the OSPO is and what it helps
 * with, what the catalog says about the entity's open source status, the
 * requests filed about it, and the form to file a new one.
 *
 * @public
 */
export function ConsultOspoCard(props: ConsultOspoCardProps) {
  const headerClass = useWrappingCardHeader();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityTitle = entity.metadata.title ?? entity.metadata.name;
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const id = useId();
  const alertApi = useApi(alertApiRef);
  const office = useOspoOffice();
  const createPermission = usePermission({
    permission: ospoConsultationCreatePermission,
  });
  const [limit, setLimit] = useState(PAGE_SIZE);
  const requests = useConsultations({
    entityRef,
    orderBy: 'updatedAt',
    order: 'desc',
    limit,
  });
  const [requesting, setRequesting] = useState(false);
  const [openId, setOpenId] = useState<string>();
  const facts = entityOspoFacts(entity);
  const topics = office.value?.topics ?? [];
  const { retry } = requests;

  const handleSent = useCallback(
    (consultation: Consultation) => {
      setRequesting(false);
      retry();
      alertApi.post({
        message: `Your request “${consultation.summary}” was sent to the OSPO`,
        severity: 'success',
        display: 'transient',
      });
    },
    [retry, alertApi],
  );

  let officeContent;
  if (office.loading) {
    officeContent = <Progress />;
  } else if (office.error) {
    officeContent = <ResponseErrorPanel error={office.error} />;
  } else if (office.value) {
    officeContent = (
      <>
        <CardSection id={`${id}-office`} title="Who to ask">
          <OfficeOverview office={office.value} />
        </CardSection>
        <CardSection id={`${id}-topics`} title="What the OSPO helps with">
          <TopicList topics={topics} labelledBy={`${id}-topics`} />
        </CardSection>
      </>
    );
  }

  return (
    <InfoCard
      className={headerClass}
      title="Consult the OSPO"
      subheader={`Advice from the Open Source Program Office on open source in this ${kind}`}
      variant={props.variant}
      action={
        <RequestButton
          permission={createPermission}
          disabled={!office.value}
          onClick={() => setRequesting(true)}
        />
      }
    >
      {officeContent}
      {facts.length > 0 && (
        <CardSection id={`${id}-context`} title={`About this ${kind}`}>
          <EntityOspoContext facts={facts} labelledBy={`${id}-context`} />
        </CardSection>
      )}
      <CardSection id={`${id}-requests`} title="Requests about this entity">
        <RequestsContent
          requests={requests}
          topics={topics}
          kind={kind}
          labelledBy={`${id}-requests`}
          onOpen={consultation => setOpenId(consultation.id)}
          onShowMore={() => setLimit(current => current + PAGE_SIZE)}
        />
      </CardSection>
      {requesting && (
        <RequestConsultationDialog
          entityRef={entityRef}
          entityTitle={entityTitle}
          topics={topics}
          onClose={() => setRequesting(false)}
          onSent={handleSent}
        />
      )}
      {openId && (
        <ConsultationDetailDialog
          consultationId={openId}
          topics={topics}
          onClose={() => setOpenId(undefined)}
          onChanged={retry}
        />
      )}
    </InfoCard>
  );
}

function RequestButton(props: {
  permission: { allowed: boolean; loading: boolean };
  disabled: boolean;
  onClick: () => void;
}) {
  const { permission, disabled, onClick } = props;
  const button = (
    <Button
      variant="contained"
      color="primary"
      startIcon={<QuestionAnswerIcon />}
      disabled={disabled || !permission.allowed}
      onClick={onClick}
    >
      Request a consultation
    </Button>
  );
  if (permission.allowed || permission.loading) {
    return button;
  }
  // A disabled button gets no pointer events, so the tooltip hangs on a
  // wrapper to still tell people why they cannot ask.
  return (
    <Tooltip title="You are not allowed to file requests with the OSPO">
      <span>{button}</span>
    </Tooltip>
  );
}

function RequestsContent(props: {
  requests: ReturnType<typeof useConsultations>;
  topics: ConsultationTopic[];
  kind: string;
  labelledBy: string;
  onOpen: (consultation: Consultation) => void;
  onShowMore: () => void;
}) {
  const { requests, topics, kind, labelledBy, onOpen, onShowMore } = props;
  const page = requests.value;
  // A reload after a change keeps showing the last list instead of flashing
  // the progress bar.
  if (requests.loading && !page) {
    return <Progress />;
  }
  if (requests.error) {
    return <ResponseErrorPanel error={requests.error} />;
  }
  if (!page?.items.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nobody has asked the OSPO about this {kind} yet. Use “Request a
        consultation” to ask a question.
      </Typography>
    );
  }
  const remaining = page.totalCount - page.items.length;
  return (
    <>
      <EntityConsultationList
        consultations={page.items}
        topics={topics}
        labelledBy={labelledBy}
        onOpen={onOpen}
      />
      {remaining > 0 && (
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="center"
          mt={1}
        >
          <Typography variant="caption" color="textSecondary">
            Showing {page.items.length} of {page.totalCount}
          </Typography>
          <Button
            size="small"
            color="primary"
            onClick={onShowMore}
            disabled={requests.loading}
          >
            Show more
          </Button>
        </Box>
      )}
    </>
  );
}
