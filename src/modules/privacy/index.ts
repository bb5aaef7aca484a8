/** Privacy: a customer's data export and erasure (GDPR Articles 15, 17 and 20). */
export { exportCustomer, type CustomerExport, type ExportedTicket } from './export-customer.ts';
export { eraseCustomer, type Erasure } from './erase-customer.ts';
export { dataDirFiles, type AttachmentFiles } from './attachment-files.ts';
