import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const COMMON: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };

/**
 * Schema validation with two Ajv instances: query strings, params and headers are text, so
 * they coerce ("25" → 25, "a" → ["a"]); JSON bodies do not, so `subject: 123` or `tags: "vip"`
 * is an error rather than silently changed.
 */
export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const coercing = addFormats(new Ajv({ ...COMMON, coerceTypes: 'array' }));
  const exact = addFormats(new Ajv({ ...COMMON, coerceTypes: false }));
  return ({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
}
