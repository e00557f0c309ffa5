import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Switch from '@material-ui/core/Switch';
import { InfoCard } from '@backstage/core-components';
import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import { useOspoToastsMuted } from '../../hooks/useOspoToastsMuted';

/**
 * The signed-in user's OSPO settings, for the app's settings page: whether
 * new consultation requests raise a toast (for OSPO staff; everyone else
 * gets none anyway). Kept with the app's storage API.
 *
 * @public
 */
export function OspoSettingsCard() {
  const errorApi = useApi(errorApiRef);
  const [muted, setMuted] = useOspoToastsMuted();
  const labelId = 'ospo-settings-toasts';
  return (
    <InfoCard title="OSPO">
      <List dense>
        <ListItem>
          <ListItemText
            primaryTypographyProps={{ id: labelId }}
            primary="Toasts for new consultation requests"
            secondary="OSPO staff: a toast when requests come in, one for a burst of them. The notifications stay in your inbox either way."
          />
          <ListItemSecondaryAction>
            <Switch
              color="primary"
              edge="end"
              checked={!muted}
              onChange={(_event, checked) =>
                setMuted(!checked).catch(error => errorApi.post(error))
              }
              inputProps={{ 'aria-labelledby': labelId }}
            />
          </ListItemSecondaryAction>
        </ListItem>
      </List>
    </InfoCard>
  );
}
