import 'reflect-metadata';
import { loadConfig } from '../config';
import { createDataSource, detectDatabaseFlavor } from '../data-source';
import { seedDemoData } from './seed';

/** `npm run seed`: migrate, then add whatever part of the demo data is missing. */
async function main() {
  const config = loadConfig();
  const dataSource = createDataSource(await detectDatabaseFlavor(config.database));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const result = await seedDemoData(dataSource, { demoUsers: config.env !== 'production', onlyIfEmpty: false });
    console.log('seeded:', JSON.stringify(result.created));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error('seed failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
