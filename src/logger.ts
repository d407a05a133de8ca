import pino from 'pino';

export type LogDestination = pino.DestinationStream;

/** JSON lines; secrets are redacted wherever they might appear in a logged object. */
export function createLogger(level: string, destination?: LogDestination) {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'jalin' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'variables.password', '*.passwordHash'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger } from 'pino';
