import { useEffect, useRef } from 'react';

const changes = new EventTarget();
const CHANGED = 'checklist-answer-changed';

/**
 * Tells the cards on the page that a team's checklist answer changed here,
 * so that figures computed from the answers follow without a reload.
 */
export function notifyChecklistAnswerChanged(teamRef: string): void {
  changes.dispatchEvent(new CustomEvent(CHANGED, { detail: teamRef }));
}

/** Calls `onChange` with the team's ref whenever an answer changed here. */
export function useChecklistAnswerChanges(
  onChange: (teamRef: string) => void,
): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener = (event: Event) =>
      latest.current((event as CustomEvent<string>).detail);
    changes.addEventListener(CHANGED, listener);
    return () => changes.removeEventListener(CHANGED, listener);
  }, []);
}
