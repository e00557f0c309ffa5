export { OfficeStaffMenu } from './OfficeStaffMenu';
