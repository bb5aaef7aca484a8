/** The one error family of Careline; edges turn it into problem+json, SMTP codes or error frames. */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'totp_required'
  | 'totp_setup_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'payload_too_large'
  | 'rate_limited'
  | 'locked'
  | 'guard_blocked'
  | 'verification_required'
  | 'verification_failed'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  totp_required: 401,
  totp_setup_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  locked: 423,
  guard_blocked: 422,
  verification_required: 409,
  verification_failed: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const TITLE: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Validation failed',
  unauthorized: 'Authentication required',
  totp_required: 'Two-factor code required',
  totp_setup_required: 'Two-factor setup required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  invalid_transition: 'Invalid status change',
  payload_too_large: 'Payload too large',
  locked: 'Locked',
  guard_blocked: 'Reply asks for a secret',
  verification_required: 'Verification required',
  verification_failed: 'Verification failed',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

/** A failure the client can act on: a code, a human message, optional field details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found`);
export const badRequest = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('validation_failed', message, details);
export const forbidden = (message = 'Your role does not allow this action'): AppError => new AppError('forbidden', message);
export const conflict = (message: string): AppError => new AppError('conflict', message);

/** RFC 9457 problem details body. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: unknown;
  instance?: string;
};

/** Turns any thrown value into a problem body that never carries a stack trace. */
export function toProblem(error: unknown, instance?: string): Problem {
  const e = error instanceof AppError ? error : new AppError('internal', 'Something went wrong on our side; it has been logged.');
  const problem: Problem = {
    type: `https://careline.dev/problems/${e.code.replace(/_/g, '-')}`,
    title: TITLE[e.code],
    status: e.status,
    detail: e.message,
    code: e.code,
  };
  if (e.details) problem.errors = e.details;
  if (instance) problem.instance = instance;
  return problem;
}
