import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Message {
  id: string;
  body: unknown;
  /** How many times delivery was attempted before this one. */
  attempts: number;
}

/** What the worker needs from a queue. Implement it for SQS, RabbitMQ, Pub/Sub… and keep the worker. */
export interface Queue {
  receive(max: number): Promise<Message[]>;
  ack(message: Message): Promise<void>;
  retry(message: Message): Promise<void>;
  deadLetter(message: Message, reason: string): Promise<void>;
}

const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * A queue on a directory ("spool"): one JSON file per message in incoming/, claimed by an atomic
 * rename into processing/, deleted on ack, moved to dead/ after too many failures. Good for local
 * runs, tests and single-replica workers on a volume.
 */
export async function createSpoolQueue(dir: string): Promise<Queue & { enqueue(body: unknown): Promise<string>; recover(): Promise<number> }> {
  const incoming = join(dir, 'incoming');
  const processing = join(dir, 'processing');
  const dead = join(dir, 'dead');
  await Promise.all([incoming, processing, dead].map((d) => mkdir(d, { recursive: true })));

  const write = async (folder: string, id: string, record: unknown) => {
    const tmp = join(dir, '.' + id + '.tmp');
    await writeFile(tmp, JSON.stringify(record));
    await rename(tmp, join(folder, id + '.json'));
  };

  return {
    async enqueue(body) {
      const text = JSON.stringify(body);
      if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) throw new Error('message larger than ' + MAX_MESSAGE_BYTES + ' bytes');
      // Time-ordered ids keep delivery roughly first-in, first-out.
      const id = Date.now().toString(36).padStart(10, '0') + '-' + randomUUID();
      await write(incoming, id, { body, attempts: 0 });
      return id;
    },
    async receive(max) {
      const names = (await readdir(incoming)).filter((n) => n.endsWith('.json')).sort().slice(0, max);
      const claimed: Message[] = [];
      for (const name of names) {
        try {
          await rename(join(incoming, name), join(processing, name));
        } catch {
          continue; // another consumer claimed it first
        }
        const record = JSON.parse(await readFile(join(processing, name), 'utf8')) as { body: unknown; attempts: number };
        claimed.push({ id: name.slice(0, -'.json'.length), body: record.body, attempts: record.attempts });
      }
      return claimed;
    },
    async ack(message) {
      await rm(join(processing, message.id + '.json'), { force: true });
    },
    async retry(message) {
      await write(incoming, message.id, { body: message.body, attempts: message.attempts + 1 });
      await rm(join(processing, message.id + '.json'), { force: true });
    },
    async deadLetter(message, reason) {
      await write(dead, message.id, { body: message.body, attempts: message.attempts + 1, reason });
      await rm(join(processing, message.id + '.json'), { force: true });
    },
    /** Puts back messages a crashed worker had claimed. Call once at start-up, before receiving. */
    async recover() {
      const names = (await readdir(processing)).filter((n) => n.endsWith('.json'));
      for (const name of names) await rename(join(processing, name), join(incoming, name));
      return names.length;
    },
  };
}
