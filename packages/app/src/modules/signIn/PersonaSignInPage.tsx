import { useState } from 'react';
import Avatar from '@material-ui/core/Avatar';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { IdentityApi } from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { DEMO_PERSONAS } from './personas';

/** Where the chosen persona is remembered, so a reload keeps the session. */
export const PERSONA_STORAGE_KEY = 'ospo-demo-persona';
const PERSONA_HEADER = 'x-ospo-demo-persona';

// Signing out forgets the persona, so the picker shows again.
function forgetPersonaOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(PERSONA_STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * Sign-in for the demo portal: pick one of the example organisation's
 * personas; the backend's `ospo-demo` provider signs in as that catalog user.
 */
export function PersonaSignInPage(props: SignInPageProps) {
  const [persona, setPersona] = useState(() =>
    window.localStorage.getItem(PERSONA_STORAGE_KEY),
  );

  if (persona) {
    return (
      <ProxiedSignInPage
        provider="ospo-demo"
        headers={{ [PERSONA_HEADER]: persona }}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgetPersonaOnSignOut(identity))
        }
      />
    );
  }

  return (
    <Page themeId="home">
      <Header
        title="OSPO for Backstage"
        subtitle="Demo portal of the example organisation ACME Corp"
      />
      <Content>
        <ContentHeader title="Sign in as a demo persona" />
        <Grid container spacing={3}>
          {DEMO_PERSONAS.map(p => (
            <Grid item xs={12} md={4} key={p.userName}>
              <InfoCard title={p.displayName} subheader={p.role}>
                <Grid container spacing={2} alignItems="center" wrap="nowrap">
                  <Grid item>
                    <Avatar>{p.displayName.charAt(0)}</Avatar>
                  </Grid>
                  <Grid item>
                    <Typography variant="body2">{p.description}</Typography>
                  </Grid>
                </Grid>
                <Button
                  style={{ marginTop: 16 }}
                  variant="contained"
                  color="primary"
                  aria-label={`Sign in as ${p.displayName}`}
                  onClick={() => {
                    window.localStorage.setItem(
                      PERSONA_STORAGE_KEY,
                      p.userName,
                    );
                    setPersona(p.userName);
                  }}
                >
                  Sign in
                </Button>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
