import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OspoContact, OspoOffice } from '@ospo-kit/plugin-ospo-common';
import { isLinkableUrl } from '../../utils/isLinkableUrl';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    alignItems: 'baseline',
  },
  value: {
    margin: 0,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  contacts: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
  },
}));

/**
 * Who the OSPO is and how to reach it, as a short list of facts.
 */
export function OfficeOverview(props: { office: OspoOffice }) {
  const { office } = props;
  const classes = useStyles();
  return (
    <Box component="dl" className={classes.facts}>
      <Fact label="Team">
        <EntityRefLink entityRef={office.groupRef} defaultKind="group" />
      </Fact>
      {office.contacts.length > 0 && (
        <Fact label="Contact">
          <span className={classes.contacts}>
            {office.contacts.map(contact => (
              <ContactLink key={contact.url} contact={contact} />
            ))}
          </span>
        </Fact>
      )}
      {office.officeHours && (
        <Fact label="Office hours">{office.officeHours}</Fact>
      )}
    </Box>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <Typography component="dt" variant="body2" color="textSecondary">
        {props.label}
      </Typography>
      <Typography component="dd" variant="body2" className={classes.value}>
        {props.children}
      </Typography>
    </>
  );
}

function ContactLink(props: { contact: OspoContact }) {
  const { title, url } = props.contact;
  if (!isLinkableUrl(url)) {
    return <span title={url}>{title}</span>;
  }
  return (
    <Link to={url} externalLinkIcon={url.startsWith('http')}>
      {title}
    </Link>
  );
}
