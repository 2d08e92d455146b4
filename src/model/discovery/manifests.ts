// Just enough of each manifest format to name and classify a repository. We read a handful of keys
// with bounded, line-based scanning instead of pulling in TOML and XML parsers: a wrong guess costs a
// suggestion the user reviews anyway, while a full parser is more attack surface on untrusted input.

/** What the analysis needs from any manifest. */
export type ManifestInfo = {
  /** Which file it came from, e.g. `package.json`. */
  file: string;
  name?: string;
  description?: string;
  /** Dependency names, lower-cased (bounded). */
  dependencies: string[];
  /** Node: has `main`/`exports`/`module` and is not private — a publishable package. */
  publishable?: boolean;
  /** Node: a `start` script, or a `bin`; a runnable program rather than a library. */
  runnable?: boolean;
  /** Maven packaging (`jar`, `war`, `pom`). */
  packaging?: string;
};

const MAX_DEPENDENCIES = 500;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Reads `package.json`; `undefined` when it is not a JSON object. */
export function parsePackageJson(contents: string): ManifestInfo | undefined {
  let json: unknown;
  try {
    json = JSON.parse(contents);
  } catch {
    return undefined;
  }
  if (!isRecord(json)) return undefined;
  const deps = [json.dependencies, json.devDependencies, json.peerDependencies].flatMap((d) => (isRecord(d) ? Object.keys(d) : []));
  const scripts = isRecord(json.scripts) ? json.scripts : {};
  return {
    file: 'package.json',
    name: text(json.name),
    description: text(json.description),
    dependencies: deps.slice(0, MAX_DEPENDENCIES).map((d) => d.toLowerCase()),
    publishable: json.private !== true && (json.main !== undefined || json.exports !== undefined || json.module !== undefined),
    runnable: typeof scripts.start === 'string' || json.bin !== undefined,
  };
}

/** Reads `go.mod`: the module path and the required modules. */
export function parseGoMod(contents: string): ManifestInfo {
  const module = /^\s*module\s+("?)([^\s"]+)\1/m.exec(contents)?.[2];
  const dependencies: string[] = [];
  for (const m of contents.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]{2,}\/[^\s]+)\s+v\d/gim)) {
    if (dependencies.length >= MAX_DEPENDENCIES) break;
    if (m[1]) dependencies.push(m[1].toLowerCase());
  }
  return { file: 'go.mod', name: module ? goModuleName(module) : undefined, dependencies };
}

/** `github.com/acme/payments/v2` → `payments`: the last path segment that is not a major-version suffix. */
export function goModuleName(modulePath: string): string | undefined {
  const parts = modulePath.split('/').filter(Boolean);
  const last = parts.at(-1);
  if (last && /^v\d+$/.test(last) && parts.length > 1) return parts.at(-2);
  return last;
}

/** The string value of `key` inside `[section]` of a TOML file, for plain one-line strings. */
export function tomlString(contents: string, section: string, key: string): string | undefined {
  let current = '';
  for (const line of contents.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]*)\]/.exec(line);
    if (header?.[1] !== undefined) {
      current = header[1].trim();
      continue;
    }
    if (current !== section) continue;
    const m = new RegExp(`^\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|'([^']*)')`).exec(line);
    if (m) return text((m[1] ?? m[2] ?? '').replace(/\\(["\\])/g, '$1'));
  }
  return undefined;
}

/** The distribution name at the start of a PEP 508 requirement (`fastapi[all]>=0.110` → `fastapi`). */
function requirementName(requirement: string): string | undefined {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1]?.toLowerCase();
}

/**
 * Dependency names of a pyproject: PEP 621 `dependencies = [...]` / optional-dependencies arrays, and
 * the keys of Poetry's `[tool.poetry.*dependencies]` tables. Other strings (descriptions) are ignored.
 */
function pyprojectDependencies(contents: string): string[] {
  const names = new Set<string>();
  let section = '';
  let inArray = false;
  for (const line of contents.split(/\r?\n/)) {
    if (names.size >= MAX_DEPENDENCIES) break;
    const header = /^\s*\[([^\]]*)\]/.exec(line);
    if (header?.[1] !== undefined && !inArray) {
      section = header[1].trim();
      continue;
    }
    const startsArray = (section === 'project' && /^\s*dependencies\s*=\s*\[/.test(line))
      || (section === 'project.optional-dependencies' && /^\s*[A-Za-z0-9_-]+\s*=\s*\[/.test(line));
    if (startsArray || inArray) {
      for (const m of line.replace(/^[^[]*=\s*\[/, '').matchAll(/"([^"]*)"|'([^']*)'/g)) {
        const name = requirementName(m[1] ?? m[2] ?? '');
        if (name) names.add(name);
      }
      inArray = !line.includes(']');
      continue;
    }
    if (/^tool\.poetry\.(?:.*\.)?dependencies$/.test(section)) {
      const key = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=/.exec(line)?.[1];
      if (key && key !== 'python') names.add(key.toLowerCase());
    }
  }
  return [...names];
}

/** Reads `pyproject.toml` (PEP 621 `[project]` or Poetry's `[tool.poetry]`). */
export function parsePyproject(contents: string): ManifestInfo {
  const section = tomlString(contents, 'project', 'name') ? 'project' : 'tool.poetry';
  return {
    file: 'pyproject.toml',
    name: tomlString(contents, section, 'name'),
    description: tomlString(contents, section, 'description'),
    dependencies: pyprojectDependencies(contents),
  };
}

/** Reads `requirements.txt` for dependencies only. */
export function parseRequirements(contents: string): ManifestInfo {
  const lines = contents.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter((l) => l && !l.startsWith('-'));
  const names = lines.map(requirementName).filter((n): n is string => n !== undefined);
  return { file: 'requirements.txt', dependencies: [...new Set(names)].slice(0, MAX_DEPENDENCIES) };
}

/** Reads `Cargo.toml`. */
export function parseCargo(contents: string): ManifestInfo {
  const dependencies: string[] = [];
  let inDeps = false;
  for (const line of contents.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) inDeps = /dependencies$/.test(header[1] ?? '');
    else if (inDeps) {
      const key = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(line)?.[1];
      if (key && dependencies.length < MAX_DEPENDENCIES) dependencies.push(key.toLowerCase());
    }
  }
  return { file: 'Cargo.toml', name: tomlString(contents, 'package', 'name'), description: tomlString(contents, 'package', 'description'), dependencies };
}

function xmlText(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m?.[1] ? text(m[1].replace(/\s+/g, ' ')) : undefined;
}

/**
 * Removes every `open…close` block in one linear pass. A lazy regex would do the same but rescans
 * to the end for each unclosed opener: quadratic on a hostile file.
 */
function stripBlocks(xml: string, open: string, close: string): string {
  let out = '';
  let pos = 0;
  for (let i = xml.indexOf(open, pos); i !== -1; i = xml.indexOf(open, pos)) {
    out += xml.slice(pos, i);
    const end = xml.indexOf(close, i + open.length);
    pos = end === -1 ? xml.length : end + close.length;
  }
  return out + xml.slice(pos);
}

const NESTED_POM_BLOCKS = ['parent', 'dependencies', 'dependencyManagement', 'build', 'profiles', 'plugins', 'reporting', 'modules', 'developers', 'licenses'];

/** Reads `pom.xml`: the project's own artifactId, description and packaging, plus dependency artifactIds. */
export function parsePom(contents: string): ManifestInfo {
  const xml = stripBlocks(contents, '<!--', '-->');
  // The project's own coordinates are the ones left after removing nested blocks that repeat the same tags.
  const own = NESTED_POM_BLOCKS.reduce((acc, tag) => stripBlocks(acc, `<${tag}>`, `</${tag}>`), xml);
  const dependencies = [...xml.matchAll(/<artifactId>\s*([^<\s]+)\s*<\/artifactId>/g)].map((m) => (m[1] ?? '').toLowerCase()).slice(0, MAX_DEPENDENCIES);
  const placeholder = (v: string | undefined) => (v?.includes('${') ? undefined : v);
  return {
    file: 'pom.xml',
    name: placeholder(xmlText(own, 'artifactId')),
    description: placeholder(xmlText(own, 'description')),
    dependencies,
    packaging: xmlText(own, 'packaging'),
  };
}

/** Reads a Gradle build script for dependency coordinates (`group:artifact`) only. */
export function parseGradle(contents: string, file: string): ManifestInfo {
  const dependencies = new Set<string>();
  for (const m of contents.matchAll(/["']([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::[^"']*)?["']|id\s*\(?\s*["']([A-Za-z0-9_.-]+)["']/g)) {
    if (dependencies.size >= MAX_DEPENDENCIES) break;
    if (m[2]) dependencies.add(m[2].toLowerCase());
    if (m[3]) dependencies.add(m[3].toLowerCase());
  }
  return { file, dependencies: [...dependencies] };
}
