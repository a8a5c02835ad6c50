// A MariaDB/MySQL database of a test's own on the server TEST_MYSQL_URL names, made and dropped by
// the test, so tests that run at the same time never see each other's rows.
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface ScratchDatabase {
  /** The URL of the new database, for the server's DATABASE_URL. */
  url: string;
  host: string;
  port: number;
  /** A connection straight to the new database, bypassing the product, to check what it stored. */
  connect(): Promise<mysql.Connection>;
  drop(): Promise<void>;
}

/** Null when no MySQL server is configured (the test then runs on SQLite only). */
export async function scratchMysql(prefix: string): Promise<ScratchDatabase | null> {
  const server = process.env.TEST_MYSQL_URL;
  if (!server) return null;
  const url = new URL(server);
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const options = { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  const admin = await mysql.createConnection(options);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    host: options.host,
    port: options.port,
    connect: () => mysql.createConnection({ ...options, database: name }),
    drop: async () => {
      const c = await mysql.createConnection(options);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}
