/** One file read from a source: its location key, its bytes, and how to read files placeholders point at. */
export interface SourceFile {
  /** `file:/abs/path`, `url:https://…`, `git:<repo>#<ref>:<path>` — what `backstage.io/managed-by-location` says. */
  locationKey: string;
  /** Path or URL the descriptor was read from; placeholders resolve relative to it. */
  base: string;
  /** Placeholders may not resolve outside this path or URL prefix. */
  root: string;
  bytes: Uint8Array;
}

export interface SourceReadResult {
  files: SourceFile[];
  /** Per-file read failures; the source's other files still count. */
  errors: Array<{ locationKey: string; message: string }>;
  /**
   * Hash of everything read, to skip unchanged sources. It covers the files placeholders may read only
   * when the reader has no `rereadPlaceholder` (git: the commit holds them all).
   */
  hash: string;
}

/** Reads source files and the files their placeholders point at. One implementation per location type. */
export interface SourceReader {
  read(target: string): Promise<SourceReadResult>;
  /** Reads a file that a placeholder names, already resolved and checked against the root. */
  readPlaceholder(file: SourceFile, resolved: string): Promise<string>;
  /**
   * Reads a placeholder target again on a later refresh, to tell whether it changed. Readers whose `hash`
   * does not cover placeholder targets (file, url) have it; walkSources then records the targets read and
   * checks them before skipping an unchanged source (see sourceFingerprint.ts).
   */
  rereadPlaceholder?(resolved: string): Promise<string>;
  /** Turns a Location entity's relative target into an absolute one of the same type. */
  resolveChild(file: SourceFile, target: string): string;
}

/** Limits for anything read from a location; hostile input gets a clear error instead of eating memory. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_FILES_PER_SOURCE = 20_000;
