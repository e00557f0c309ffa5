/**
 * Extension points of the OSPO backend plugin.
 *
 * @packageDocumentation
 */

export * from './OspoEntityCheck';
export * from './OspoMetric';
export * from './extensions';
