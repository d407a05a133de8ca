import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { workerMain } from '../lib/process';
import { openDatabase, type SqlRunner } from '../lib/sql';
import type { BenchDatabase } from '../lib/database';

/**
 * The limit for replay: a plain `ws` server that, asked for the events after a sequence number,
 * reads them from change_event in one ordered SELECT with the same driver and sends each as the
 * graphql-ws `next` message Jalin would send.
 */
let db: SqlRunner;

workerMain(async (message, reply) => {
  if (message.type !== 'start') return;
  db = openDatabase(message.database as BenchDatabase, 4);
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    socket.on('message', async (data) => {
      const { agreementId, afterSeq } = JSON.parse(data.toString()) as { agreementId: string; afterSeq: number };
      const rows = await db.query<{ seq: number; kind: string; activityId: number | null; changedFields: string; snapshot: string; at: Date | string }>(
        'SELECT `seq`, `kind`, `activityId`, `changedFields`, `snapshot`, `at` FROM `change_event` WHERE `agreementId` = ? AND `seq` > ? ORDER BY `seq`',
        [Number(agreementId), afterSeq],
      );
      for (const row of rows) {
        const snapshot = JSON.parse(row.snapshot) as { id: number; title: string; position: string; version: number };
        const event = {
          seq: Number(row.seq),
          kind: row.kind,
          activityId: row.activityId === null ? null : String(row.activityId),
          changedFields: JSON.parse(row.changedFields) as string[],
          at: new Date(row.at).toISOString(),
          activity: { id: String(snapshot.id), title: snapshot.title, position: snapshot.position, version: snapshot.version },
        };
        socket.send(JSON.stringify({ id: '1', type: 'next', payload: { data: { boardEvents: event } } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  reply({ type: 'ready', port: (server.address() as AddressInfo).port });
});
