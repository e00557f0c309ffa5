/**
 * Extension points of the OSPO backend plugin.
 *
 * @packageDocumentation
 */

export * from './EntitySbomFacts';
export * from './OspoEntityCheck';
export * from './OspoMetric';
export * from './extensions';
