// Pure readers of repository files into fact values: no I/O, bounded output. Each returns undefined
// when the file cannot be understood, so a broken file yields no fact rather than a wrong one.
import { parse as parseYaml, parseAllDocuments } from 'yaml';

const MAX_DEPENDENCIES = 300;
const MAX_VARIABLES = 200;

/**
 * Whether the final stage of a Dockerfile runs as a non-root user: its last `USER` (or, when it has
 * none and starts `FROM` an earlier stage, that stage's) names neither `root` nor uid 0. A final stage
 * without any USER runs as root: false.
 */
export function dockerfileNonRoot(text: string): boolean | undefined {
  const instructions = logicalLines(text);
  const stages: Array<{ alias?: string; base: string; user?: string }> = [];
  for (const line of instructions) {
    const m = /^(\w+)\s+(.*)$/s.exec(line);
    if (!m) continue;
    const [keyword, args] = [m[1]!.toUpperCase(), m[2]!.trim()];
    if (keyword === 'FROM') {
      const parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const asAt = parts.findIndex((p) => p.toUpperCase() === 'AS');
      stages.push({ base: (parts[0] ?? '').toLowerCase(), alias: asAt > 0 ? parts[asAt + 1]?.toLowerCase() : undefined });
    } else if (keyword === 'USER' && stages.length > 0) {
      stages[stages.length - 1]!.user = args.split(/\s+/)[0];
    }
  }
  if (stages.length === 0) return undefined;
  // A stage without USER inherits the user of the stage it is built FROM.
  const userOf = (index: number, depth = 0): string | undefined => {
    const stage = stages[index]!;
    if (stage.user !== undefined || depth > stages.length) return stage.user;
    const parent = stages.findIndex((s, i) => i < index && s.alias === stage.base);
    return parent === -1 ? undefined : userOf(parent, depth + 1);
  };
  const user = userOf(stages.length - 1);
  if (user === undefined) return false;
  const name = user.split(':')[0]!;
  return name !== '' && name !== 'root' && name !== '0';
}

/** Instructions with `\` continuations joined and comments dropped. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (current === '' && (line.startsWith('#') || line === '')) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(current + line);
    current = '';
  }
  if (current) out.push(current);
  return out;
}

/** `dependencies` and `devDependencies` of a package.json, name → version (dependencies win), at most 300. */
export function packageDependencies(text: string): Record<string, string> | undefined {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!pkg || typeof pkg !== 'object') return undefined;
  const out: Record<string, string> = {};
  const record = pkg as Record<string, unknown>;
  for (const field of ['devDependencies', 'dependencies']) {
    const deps = record[field];
    if (!deps || typeof deps !== 'object' || Array.isArray(deps)) continue;
    for (const [name, version] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof version !== 'string' || name.length > 214 || version.length > 256) continue;
      if (!(name in out) && Object.keys(out).length >= MAX_DEPENDENCIES) continue;
      out[name] = version;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One variable of a Score container: a `${...}` reference, or a literal and whether it looks like a secret. Never the value. */
export type ScoreVariableFact = { container: string; name: string; kind: 'reference' } | { container: string; name: string; kind: 'literal'; secretLike: boolean };

/** The `containers` object of a score.yaml, or undefined when the text is not YAML or has none. */
function scoreContainers(text: string): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const containers = (doc as { containers?: unknown } | null)?.containers;
  return containers && typeof containers === 'object' ? containers as Record<string, unknown> : undefined;
}

/**
 * The `containers.*.variables` of a score.yaml, without their values: a value holding a `${...}`
 * placeholder (Score's `$${` escape aside) is a reference; any other value is a literal, flagged
 * `secretLike` when its name or its shape looks like a credential.
 */
export function scoreVariables(text: string): ScoreVariableFact[] | undefined {
  const containers = scoreContainers(text);
  if (!containers) return undefined;
  const out: ScoreVariableFact[] = [];
  for (const [container, spec] of Object.entries(containers)) {
    const variables = (spec as { variables?: unknown } | null)?.variables;
    if (!variables || typeof variables !== 'object') continue;
    for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
      if (out.length >= MAX_VARIABLES) return out;
      const v = value === null || value === undefined ? '' : String(value);
      const short = { container: container.slice(0, 100), name: name.slice(0, 200) };
      if (/(?<!\$)\$\{[^}]+\}/.test(v)) out.push({ ...short, kind: 'reference' });
      else out.push({ ...short, kind: 'literal', secretLike: looksLikeSecret(name, v) });
    }
  }
  return out;
}

const SECRET_NAME = /(secret|passw(or)?d|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|credential|access[_-]?key|auth)/i;
const SECRET_VALUE = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bsk-[A-Za-z0-9_-]{20,}/,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./,
  /:\/\/[^/\s:@]+:[^/\s@]+@/,
];

/** A non-empty literal whose name says secret, or whose value has the shape of a known credential or of a long random token. */
export function looksLikeSecret(name: string, value: string): boolean {
  if (value.trim() === '') return false;
  if (SECRET_NAME.test(name)) return true;
  if (SECRET_VALUE.some((re) => re.test(value))) return true;
  // Long, unbroken and mixed: letters and digits together, 32+ characters, no spaces.
  return /^[A-Za-z0-9+/=_-]{32,}$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/** Whether each container of a score.yaml declares a liveness and a readiness probe. */
export interface ScoreProbesFact { container: string; liveness: boolean; readiness: boolean }

const MAX_CONTAINERS = 50;

/** The probes of each container of a score.yaml (`containers.*.livenessProbe` / `readinessProbe`), or undefined when it is not a Score file. */
export function scoreProbes(text: string): ScoreProbesFact[] | undefined {
  const containers = scoreContainers(text);
  if (!containers || Array.isArray(containers)) return undefined;
  const probe = (v: unknown) => v !== null && typeof v === 'object' && Object.keys(v).length > 0;
  return Object.entries(containers).slice(0, MAX_CONTAINERS).map(([container, spec]) => {
    const s = (spec ?? {}) as { livenessProbe?: unknown; readinessProbe?: unknown };
    return { container: container.slice(0, 100), liveness: probe(s.livenessProbe), readiness: probe(s.readinessProbe) };
  });
}

/**
 * Whether Kubernetes manifests hold a default-deny NetworkPolicy (ADR 0030): a `NetworkPolicy` selecting
 * every pod (`podSelector: {}`) whose `policyTypes` include Ingress and that allows no ingress. Undefined
 * when the text holds no NetworkPolicy at all.
 */
export function networkPolicyDefaultDeny(text: string): boolean | undefined {
  let docs: unknown[];
  try {
    docs = parseAllDocuments(text).slice(0, 100).map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return undefined;
  }
  const policies = docs.filter((d): d is { spec?: Record<string, unknown> } => (d as { kind?: unknown } | null)?.kind === 'NetworkPolicy');
  if (policies.length === 0) return undefined;
  return policies.some(({ spec }) => {
    const selector = spec?.podSelector;
    const everyPod = selector !== null && typeof selector === 'object' && Object.keys(selector).every((k) => {
      const v = (selector as Record<string, unknown>)[k];
      return v === null || (typeof v === 'object' && Object.keys(v as object).length === 0);
    });
    const types = Array.isArray(spec?.policyTypes) ? spec.policyTypes : [];
    const ingress = spec?.ingress;
    return everyPod && types.includes('Ingress') && (ingress === undefined || ingress === null || (Array.isArray(ingress) && ingress.length === 0));
  });
}
