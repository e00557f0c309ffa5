export { OspoDashboardPage } from './OspoDashboardPage';
export type { OspoDashboardPageProps } from './OspoDashboardPage';
