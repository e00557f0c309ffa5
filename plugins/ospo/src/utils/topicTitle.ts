import { ConsultationTopic } from '@ospo-kit/plugin-ospo-common';

/**
 * The title of a request's topic. A topic the OSPO has since removed from its
 * configuration, or not loaded yet, shows by its id rather than not at all.
 */
export function topicTitle(
  topics: readonly ConsultationTopic[] | undefined,
  id: string,
): string {
  return topics?.find(topic => topic.id === id)?.title ?? id;
}
