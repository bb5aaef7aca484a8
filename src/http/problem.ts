import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, toProblem } from '../kernel/errors.ts';

/** Maps Fastify's own errors (bad JSON, schema, size, media type) onto our error family. */
function fromFastify(error: FastifyError): AppError | null {
  if (error.validation) {
    const fields = Object.fromEntries(
      error.validation.map((v) => {
        const params = v.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
        const path = [v.instancePath.replace(/^\//, '').replace(/\//g, '.'), params.missingProperty ?? params.additionalProperty ?? ''].filter(Boolean).join('.');
        const message = params.missingProperty
          ? 'is required'
          : params.additionalProperty
            ? 'is not a known field'
            : params.allowedValues
              ? `must be one of ${params.allowedValues.join(', ')}`
              : (v.message ?? 'is invalid');
        return [path || error.validationContext || 'body', message];
      }),
    );
    const summary = Object.entries(fields).map(([field, message]) => `${field} ${message}`).join('; ');
    return new AppError('validation_failed', `The ${error.validationContext ?? 'request'} is not valid: ${summary}`, fields);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('bad_request', 'Send the body as application/json');
    default:
      break;
  }
  if (error.statusCode === 429) return new AppError('rate_limited', 'Too many requests; slow down and retry later');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError('bad_request', error.message);
  return null;
}

/** The one error handler: problem+json for every failure, logs for ours, no stack to the client. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = error instanceof AppError ? error : fromFastify(error as FastifyError);
  if (!known) request.log.error({ err: error }, 'unhandled error');
  const problem = toProblem(known ?? error, request.url.split('?')[0]);
  if (problem.status === 429) reply.header('retry-after', '60');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
