const MASK = '***';

/** Replaces every secret value in strings (logs, errors, outputs) with `***`. */
export interface SecretMasker {
  text(s: string): string;
  value<T>(v: T): T;
}

export function createSecretMasker(secrets: Record<string, string> | undefined): SecretMasker {
  // Longest first, so a secret that contains another is masked whole. One-character values would mask
  // every occurrence of that character; they are not meaningful secrets.
  const values = [...new Set(Object.values(secrets ?? {}).filter((v): v is string => typeof v === 'string' && v.length >= 2))]
    .sort((a, b) => b.length - a.length);
  const text = (s: string): string => {
    let out = s;
    for (const v of values) if (out.includes(v)) out = out.split(v).join(MASK);
    return out;
  };
  const value = <T>(v: T): T => {
    if (values.length === 0) return v;
    const walk = (x: unknown): unknown => {
      if (typeof x === 'string') return text(x);
      if (Array.isArray(x)) return x.map(walk);
      if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [text(k), walk(y)]));
      return x;
    };
    return walk(v) as T;
  };
  return { text, value };
}
