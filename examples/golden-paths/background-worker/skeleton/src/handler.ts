/**
 * The job this worker does. Replace the body of handleMessage with your own logic; throw to have the
 * message retried (and dead-lettered after the last attempt).
 */
export interface WordCountJob {
  id: string;
  text: string;
}

export function parseJob(body: unknown): WordCountJob {
  if (typeof body !== 'object' || body === null) throw new Error('body: expected an object');
  const { id, text } = body as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) throw new Error('id: expected a string of 1-100 characters');
  if (typeof text !== 'string' || text.length > 100_000) throw new Error('text: expected a string of at most 100000 characters');
  return { id, text };
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

export function createHandler(record: (result: { id: string; words: number }) => Promise<void> | void) {
  return async (body: unknown): Promise<void> => {
    const job = parseJob(body);
    await record({ id: job.id, words: countWords(job.text) });
  };
}
