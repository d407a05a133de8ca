import 'reflect-metadata';
import { loadConfig } from './src/config';
import { createDataSource } from './src/data-source';

/** The one DataSource, configured from the environment like the server (the TypeORM CLI uses it). */
export default createDataSource(loadConfig().database);
