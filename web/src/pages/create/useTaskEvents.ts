// The live log of a task: its event stream read over fetch (with the Authorization header), resumed with
// `after=<last event id>` whenever the connection drops, until the task's completion or cancellation.
import { useEffect, useRef, useState } from 'react';
import { streamTaskEvents, type TaskEvent } from '../../api/scaffolder';
import { ApiError } from '../../api/client';

export type TaskEventsState = { events: TaskEvent[]; live: boolean; error: Error | null };

const FINAL = new Set(['completion', 'cancelled']);

/**
 * `generation` restarts the stream (after a retry, the task writes new events after its last
 * completion); events already read are kept.
 */
export function useTaskEvents(taskId: string, generation: number, onFinal: () => void): TaskEventsState {
  const [state, setState] = useState<TaskEventsState>({ events: [], live: false, error: null });
  const eventsRef = useRef<TaskEvent[]>([]);
  const finalRef = useRef(onFinal);
  finalRef.current = onFinal;

  // A different task starts from nothing.
  useEffect(() => {
    eventsRef.current = [];
    setState({ events: [], live: false, error: null });
  }, [taskId]);

  useEffect(() => {
    const abort = new AbortController();
    let pending: TaskEvent[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    // Batches bursts of log lines into one render.
    const flush = () => {
      flushTimer = undefined;
      if (pending.length === 0) return;
      const seen = new Set(eventsRef.current.map((e) => e.id));
      const fresh = pending.filter((e) => !seen.has(e.id));
      pending = [];
      if (fresh.length === 0) return;
      eventsRef.current = [...eventsRef.current, ...fresh];
      setState((s) => ({ ...s, events: eventsRef.current }));
    };
    const run = async () => {
      let failures = 0;
      let sawFinal = false;
      while (!abort.signal.aborted) {
        const last = eventsRef.current.at(-1)?.id ?? 0;
        const after = Math.max(last, ...pending.map((e) => e.id));
        setState((s) => ({ ...s, live: true, error: null }));
        try {
          await streamTaskEvents(taskId, after, (e) => {
            pending.push(e);
            if (FINAL.has(e.type)) sawFinal = true;
            flushTimer ??= setTimeout(flush, 50);
          }, abort.signal);
          failures = 0;
        } catch (err) {
          if (abort.signal.aborted) return;
          failures += 1;
          const error = err instanceof Error ? err : new Error(String(err));
          // A 4xx will not get better by asking again.
          if (err instanceof ApiError && err.status < 500) {
            setState((s) => ({ ...s, live: false, error }));
            return;
          }
          setState((s) => ({ ...s, error }));
        }
        flush();
        if (sawFinal) break;
        // The server closes the stream once every event of a finished task has been sent.
        if (failures === 0) {
          const lastType = eventsRef.current.at(-1)?.type;
          if (lastType && FINAL.has(lastType)) break;
        }
        await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** failures, 10_000)));
      }
      if (!abort.signal.aborted) {
        setState((s) => ({ ...s, live: false }));
        finalRef.current();
      }
    };
    void run();
    return () => {
      abort.abort();
      if (flushTimer) clearTimeout(flushTimer);
    };
  }, [taskId, generation]);

  return state;
}
