import pino from 'pino';

/** JSON lines; secrets are redacted wherever they might appear in a logged object. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'jalin' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'variables.password', '*.passwordHash'],
      censor: '[redacted]',
    },
  });
}

export type { Logger } from 'pino';
