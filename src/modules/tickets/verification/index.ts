/** Verification for account help: one-time code and link by email, signed identities, the check. */
export { requestVerification, MAX_REQUESTS_PER_HOUR, type RequestedVerification, type VerificationSettings } from './request-verification.ts';
export { confirmVerificationCode, confirmVerificationLink, peekVerificationLink, type Confirmation, type LinkState } from './confirm-verification.ts';
export { verifyBySignedIdentity, signIdentity, type SignedIdentity } from './signed-identity.ts';
export { requireVerified, verificationStates, MAX_CODE_ATTEMPTS, VERIFICATION_TTL_MS } from './state.ts';
