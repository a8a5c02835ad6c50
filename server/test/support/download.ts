import type { Response } from 'supertest';
import type { TestApp } from './test-app.js';

/** GETs a file (an Excel export, a PDF) and answers its bytes as they came. */
export async function download(t: TestApp, path: string, token: string | null): Promise<Response & { body: Buffer }> {
  const call = t.http().get(path);
  if (token) call.set('Authorization', `Bearer ${token}`);
  return call.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
