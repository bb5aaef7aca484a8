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
  updateCustomer,
} from './customers.ts';
export type { Customer, CustomerPatch, CustomerQuery, Identity, IdentityInput, IdentityKind } from './customers.ts';
