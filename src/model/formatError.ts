// Turning field errors into the one-line form users see: `file:line: path: message`.

/** A problem with one field of an entity; `path` is dotted (`metadata.name`, `spec.owner`) or '' for the root. */
export type EntityFieldError = {
  path: string;
  message: string;
};

/**
 * Formats a field error as `file:line: path: message` (the line is left out when unknown, the
 * path when it is the root).
 */
export function formatFieldError(file: string, line: number | undefined, e: EntityFieldError): string {
  const where = line === undefined ? file : `${file}:${line}`;
  return e.path ? `${where}: ${e.path}: ${e.message}` : `${where}: ${e.message}`;
}

const MAX_SHOWN = 80;

/**
 * Describes a found value for an error message: strings quoted (and shortened), other values by
 * their JSON type, e.g. `"x y"`, `a number (5)`, `an array`, `null`, `nothing`.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Joins path segments into the dotted form used by {@link EntityFieldError}. */
export function joinPath(segments: ReadonlyArray<string | number | symbol>): string {
  return segments.map((s) => String(s)).join('.');
}
