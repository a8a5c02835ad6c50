// The bare baseline: Fastify and mysql2, no framework, no checks — one INSERT of the same shape per
// POST. What the product's submission is measured against.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import mysql from 'mysql2/promise';

const url = new URL(process.env.DATABASE_URL);
const pool = mysql.createPool({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), database: url.pathname.slice(1), connectionLimit: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS bare_appeals (
  id VARCHAR(36) PRIMARY KEY, org VARCHAR(24) NOT NULL, category VARCHAR(24) NOT NULL, content TEXT NOT NULL,
  idempotency_key VARCHAR(64) NOT NULL, created_at DATETIME(3) NOT NULL, UNIQUE KEY uq_key (idempotency_key))`);
const app = Fastify();
app.post('/appeals', async (request, reply) => {
  const body = request.body;
  const id = randomUUID();
  await pool.execute('INSERT INTO bare_appeals (id, org, category, content, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    id, body.org, body.category, body.content, request.headers['idempotency-key'], new Date(),
  ]);
  reply.code(201);
  return { id };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
