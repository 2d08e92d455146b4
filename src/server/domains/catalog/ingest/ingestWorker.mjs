// Entry of the ingestion worker thread. Workers do not inherit the tsx loader reliably (the CLI registers
// it through `tsx/esm/api`, tests through `--import tsx`), so the worker registers it itself.
import { register } from 'tsx/esm/api';

register();
await import('./ingestWorker.ts');
