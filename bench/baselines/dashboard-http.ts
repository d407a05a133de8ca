import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { workerMain } from '../lib/process';
import { openDatabase, type SqlRunner } from '../lib/sql';
import { dashboardBaseline } from '../lib/dashboard-query';
import type { BenchDatabase } from '../lib/database';

/**
 * The limit for the dashboard scenario: a bare `node:http` handler that reads the request body, runs
 * the minimal SQL through the same driver and pool size as Jalin, and writes the same JSON. No
 * GraphQL, no auth, no ORM: what is left is the cost of the database round trips and JSON.
 */
let db: SqlRunner;
let requests = 0;
let statements = 0;

workerMain(async (message, reply) => {
  if (message.type !== 'start') return;
  const database = message.database as Pick<BenchDatabase, 'dialect' | 'connection' | 'file'>;
  db = openDatabase(database, 20);
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/stats') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ requests, statements }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let first = 50;
      try {
        first = Number(JSON.parse(Buffer.concat(chunks).toString('utf8')).variables?.first ?? 50);
      } catch {
        res.statusCode = 400;
        res.end('{"errors":[{"message":"bad JSON"}]}');
        return;
      }
      requests++;
      dashboardBaseline(db, first, () => statements++).then(
        (body) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(body));
        },
        (error: Error) => {
          res.statusCode = 500;
          res.end(JSON.stringify({ errors: [{ message: error.message }] }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  reply({ type: 'ready', port: (server.address() as AddressInfo).port });
});
