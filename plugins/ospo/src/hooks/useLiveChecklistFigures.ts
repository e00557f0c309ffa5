import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';
import { liveChecklistFigures } from '../utils/liveChecklistFigures';
import { useChecklistAnswerChanges } from './checklistAnswerChanges';

/**
 * The checklist metrics of a Group from the current answers of the teams it
 * covers, read from the heat map (one row is enough: the roll-up covers every
 * team). Read again when an answer is changed on the page. Undefined while
 * loading and when the heat map cannot be read (no `ospo.checklist.read`, a
 * Group the last run did not see): the run's figures are then labelled with
 * their time instead.
 */
export function useLiveChecklistFigures(groupRef: string) {
  const ospoApi = useApi(ospoApiRef);
  const { value, retry } = useAsyncRetry(async () => {
    const matrix = await ospoApi.getChecklistMatrix({
      department: groupRef,
      limit: 1,
    });
    return liveChecklistFigures(matrix, groupRef, new Date().toISOString());
  }, [ospoApi, groupRef]);
  useChecklistAnswerChanges(retry);
  return value;
}
