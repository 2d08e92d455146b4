import type { DatabaseLocation } from '../../../platform/db/database';
import type { LocationRow, RefreshSummary } from '../catalog.ingestion';

/** Messages between the server and its ingestion process (ingestProcess.ts ↔ ingestHost.ts). */
export type ToHost =
  | { type: 'init'; database: DatabaseLocation; gitCacheDir: string; useWorker: boolean }
  | { type: 'refresh'; id: number; loc: LocationRow; force: boolean; gitCredentials: Array<[string, string]> };

export type FromHost =
  | { type: 'refreshed'; id: number; summary: RefreshSummary; gitCredentials: Array<[string, string]> }
  | { type: 'failed'; id: number; message: string };
