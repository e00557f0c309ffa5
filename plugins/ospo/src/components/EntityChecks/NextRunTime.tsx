import { RelativeTime } from '../RelativeTime';

/**
 * When the next scheduled run is due: "in 3 hours", or "due now" once that
 * time has come (a run in progress or overdue), rather than "2 minutes ago".
 */
export function NextRunTime(props: { at: string }) {
  const { at } = props;
  if (Date.parse(at) <= Date.now()) {
    return <time dateTime={at}>due now</time>;
  }
  return <RelativeTime at={at} />;
}
