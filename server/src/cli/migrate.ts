// `npm run migrate`: apply pending migrations to DATABASE_URL, for production deploys.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { ENTITIES } from '../entities.js';

const config = loadConfig();
const dataSource = new DataSource(dataSourceOptions(config.database, ENTITIES));
await dataSource.initialize();
const applied = await dataSource.runMigrations({ transaction: 'each' });
console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'the schema is up to date');
await dataSource.destroy();
