export { CustomerDetailPage } from './CustomerDetailPage';
