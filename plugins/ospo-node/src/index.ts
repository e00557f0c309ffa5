/**
 * Extension points of the OSPO backend plugin.
 *
 * @packageDocumentation
 */

export * from './OspoMetric';
export * from './extensions';
