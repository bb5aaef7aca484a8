/** Customers and their identities: find-or-create from any channel, update, merge. */
export { findCustomerByIdentity, findOrCreateCustomer, getCustomer, listCustomers, mergeCustomers, resolveCustomer, updateCustomer } from './customers.ts';
export { IDENTITY_KINDS, isEmail, normalizeIdentity, type IdentityKind } from './identity.ts';
export { markIdentityBouncing } from './mark-bouncing.ts';
export type { Customer, CustomerRef, CustomerPatch, CustomerQuery, Identity, IdentityInput } from './customers.ts';
export { eraseCustomerRecord, erasedAt, mergedInto, type ErasedRecord } from './erase-customer.ts';
