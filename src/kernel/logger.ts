import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets in auth headers and cookies are never written. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'careline', ...base },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'],
      censor: '[redacted]',
    },
  });
}
