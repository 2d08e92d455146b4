// Entry of the ingestion process when Paved runs from its TypeScript sources: a forked process does not
// get the parent's tsx loader, so it registers it itself (the bundle in dist/server needs none).
import { register } from 'tsx/esm/api';

register();
await import('./ingestHost.ts');
