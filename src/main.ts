import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const server = await startServer(config);
  console.log(`Jalin is ready at ${server.url} (WebSocket ${server.wsUrl})`);
  const shutdown = (signal: string) => {
    server.logger.info({ signal }, 'shutting down');
    // A last resort: close() bounds each of its steps, so this fires only if something hangs.
    setTimeout(() => {
      server.logger.error({ signal }, 'shutdown did not finish within 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    server.close().then(
      () => process.exit(0),
      (error) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error('Jalin failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
