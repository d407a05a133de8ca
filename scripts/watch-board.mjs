/* global process, console */
// Prints the live events of one draft board: node scripts/watch-board.mjs <token> <agreementId> [afterSeq]
// agreementId is the agreement's id as the API returns it (an opaque global id, e.g. from `agreements`).
// With afterSeq, it first replays what happened after that sequence number. Ctrl-C to stop.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [token, agreementId, afterSeq] = process.argv.slice(2);
if (!token || !agreementId) {
  console.error('usage: node scripts/watch-board.mjs <token> <agreementId> [afterSeq]');
  process.exit(64);
}
const url = process.env.JALIN_WS_URL ?? 'ws://localhost:4000/graphql';
const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
client.subscribe(
  {
    query: `subscription($id: ID!, $after: Int) {
      boardEvents(agreementId: $id, afterSeq: $after) { seq kind changedFields actor { email } activity { id title version position } }
    }`,
    variables: { id: agreementId, after: afterSeq === undefined ? null : Number(afterSeq) },
  },
  {
    next: ({ data, errors }) => {
      if (errors) return console.log('error', JSON.stringify(errors));
      const e = data.boardEvents;
      console.log(`#${e.seq} ${e.kind} ${e.activity ? `activity ${e.activity.id} v${e.activity.version} "${e.activity.title}" @${e.activity.position}` : ''} [${e.changedFields.join(', ')}] ${e.actor?.email ?? ''}`);
    },
    error: (error) => {
      console.error('stream ended:', error instanceof Error ? error.message : JSON.stringify(error));
      process.exit(1);
    },
    complete: () => process.exit(0),
  },
);
