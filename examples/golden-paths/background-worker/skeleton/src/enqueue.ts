// Drops one message into the spool, for local runs: npm run enqueue -- '{"id":"1","text":"hello world"}'
import { createSpoolQueue } from './queue.js';

const queue = await createSpoolQueue(process.env.SPOOL_DIR ?? './spool');
const id = await queue.enqueue(JSON.parse(process.argv[2] ?? '{}'));
console.log(id);
