import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { sendPdf } from './reply.ts';

test('sends a PDF inline, uncached, with a safe filename', async () => {
  const app = Fastify();
  app.get('/a', (_req, reply) => sendPdf(reply, Buffer.from('%PDF-1.3 test'), 'report-X123456.pdf'));
  app.get('/b', (_req, reply) => sendPdf(reply, Buffer.from('%PDF-1.3 test'), 'Zoë "O’Brien"'));
  const a = await app.inject({ url: '/a' });
  assert.equal(a.statusCode, 200);
  assert.equal(a.headers['content-type'], 'application/pdf');
  assert.equal(a.headers['content-disposition'], 'inline; filename="report-X123456.pdf"');
  assert.equal(a.headers['cache-control'], 'no-store');
  assert.equal(a.body, '%PDF-1.3 test');
  const b = await app.inject({ url: '/b' });
  assert.equal(b.headers['content-disposition'], `inline; filename="Zoe _O_Brien_.pdf"; filename*=UTF-8''Zo%C3%AB%20%22O%E2%80%99Brien%22.pdf`);
  await app.close();
});
