/**
 * Shared types, permissions and the typed API client of the OSPO plugin.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './completion';
export * from './licenseExpression';
export * from './permissions';
export * from './annotations';
export * from './consultations';
export * from './consultationActions';
export * from './metrics';
export * from './checks';
export * from './dashboard';
export * from './sbomReports';
export * from './signals';
export * from './campaigns';
export * from './client';
