// Plain query strings for the router (`?kind=Component&kind=API&q=pay`) instead of JSON-encoded
// values, so shared links stay readable and editable by hand.

export function parseSearch(searchStr: string): Record<string, unknown> {
  const out: Record<string, string | string[]> = {};
  const params = new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr);
  for (const [key, value] of params) {
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    const list: unknown[] = Array.isArray(value) ? value : [value];
    for (const v of list) {
      if (v === undefined || v === null || v === '') continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params.append(key, String(v));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
