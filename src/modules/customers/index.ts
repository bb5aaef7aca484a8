/** Customers and their identities: find-or-create from any channel, update, merge. */
export {
  IDENTITY_KINDS,
  findCustomerByIdentity,
  findOrCreateCustomer,
  getCustomer,
  isEmail,
  listCustomers,
  mergeCustomers,
  normalizeIdentity,
  resolveCustomer,
  updateCustomer,
} from './customers.ts';
export { markIdentityBouncing } from './mark-bouncing.ts';
export type { Customer, CustomerRef, CustomerPatch, CustomerQuery, Identity, IdentityInput, IdentityKind } from './customers.ts';
export { eraseCustomerRecord, erasedAt, mergedInto, type ErasedRecord } from './erase-customer.ts';
