export { MetricsRunTimes } from './MetricsRunTimes';
export { NextRunTime } from './NextRunTime';
