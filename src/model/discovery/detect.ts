// Language, framework and component type from the manifests of a repository.
import {
  parseCargo, parseGoMod, parseGradle, parsePackageJson, parsePom, parsePyproject, parseRequirements, type ManifestInfo,
} from './manifests';
import type { RepoView } from './repoView';

/** A component type Backstage knows well, or `other` when there is nothing to go on. */
export type ComponentType = 'service' | 'website' | 'library' | 'other';

/** What the analysis concluded about a repository's stack. */
export type Stack = {
  language?: string;
  frameworks: string[];
  type: ComponentType;
  /** Why this type, for the field description users read. */
  typeReason: string;
  /** The manifests found, most authoritative first (its name and description win). */
  manifests: ManifestInfo[];
};

type FrameworkRule = { dependency: string | RegExp; framework: string; role: 'server' | 'frontend' };

/** Dependencies that reveal a framework, per ecosystem. Server frameworks make a service. */
const FRAMEWORKS: FrameworkRule[] = [
  ...['express', 'fastify', 'koa', 'restify', 'hono'].map((d) => ({ dependency: d, framework: d, role: 'server' as const })),
  { dependency: '@nestjs/core', framework: 'nestjs', role: 'server' },
  { dependency: /^@?hapi(\/hapi)?$/, framework: 'hapi', role: 'server' },
  { dependency: /^(@apollo\/server|apollo-server)$/, framework: 'apollo', role: 'server' },
  { dependency: 'next', framework: 'nextjs', role: 'frontend' },
  { dependency: 'nuxt', framework: 'nuxt', role: 'frontend' },
  { dependency: 'gatsby', framework: 'gatsby', role: 'frontend' },
  { dependency: '@angular/core', framework: 'angular', role: 'frontend' },
  { dependency: /^(vue|svelte|react|astro)$/, framework: '', role: 'frontend' },
  { dependency: 'github.com/gin-gonic/gin', framework: 'gin', role: 'server' },
  { dependency: /^github\.com\/labstack\/echo/, framework: 'echo', role: 'server' },
  { dependency: /^github\.com\/gofiber\/fiber/, framework: 'fiber', role: 'server' },
  { dependency: /^github\.com\/go-chi\/chi/, framework: 'chi', role: 'server' },
  { dependency: 'github.com/gorilla/mux', framework: 'gorilla', role: 'server' },
  { dependency: 'google.golang.org/grpc', framework: 'grpc', role: 'server' },
  ...['fastapi', 'flask', 'django', 'starlette', 'aiohttp', 'tornado', 'sanic'].map((d) => ({ dependency: d, framework: d, role: 'server' as const })),
  { dependency: 'streamlit', framework: 'streamlit', role: 'frontend' },
  { dependency: /^spring-boot(-starter.*|-maven-plugin)?$|^org\.springframework\.boot$/, framework: 'spring-boot', role: 'server' },
  { dependency: /^quarkus-/, framework: 'quarkus', role: 'server' },
  { dependency: /^micronaut-/, framework: 'micronaut', role: 'server' },
  ...['actix-web', 'axum', 'rocket', 'warp'].map((d) => ({ dependency: d, framework: d, role: 'server' as const })),
];

function frameworksOf(dependencies: string[]): Array<{ framework: string; role: 'server' | 'frontend' }> {
  const found = new Map<string, 'server' | 'frontend'>();
  for (const dep of dependencies) {
    for (const rule of FRAMEWORKS) {
      const hit = typeof rule.dependency === 'string' ? rule.dependency === dep : rule.dependency.test(dep);
      if (hit) found.set(rule.framework || dep, rule.role);
    }
  }
  return [...found].map(([framework, role]) => ({ framework, role }));
}

/** Parses the manifests present, in the order that decides name and language. */
export function readManifests(view: RepoView): ManifestInfo[] {
  const get = (p: string) => view.files.get(p) ?? undefined;
  const out: ManifestInfo[] = [];
  const add = (m: ManifestInfo | undefined) => m && out.push(m);
  const pkg = get('package.json');
  if (pkg !== undefined) add(parsePackageJson(pkg));
  const gomod = get('go.mod');
  if (gomod !== undefined) add(parseGoMod(gomod));
  const py = get('pyproject.toml');
  if (py !== undefined) add(parsePyproject(py));
  const req = get('requirements.txt');
  if (req !== undefined) add(parseRequirements(req));
  const pom = get('pom.xml');
  if (pom !== undefined) add(parsePom(pom));
  for (const f of ['build.gradle', 'build.gradle.kts']) {
    const g = get(f);
    if (g !== undefined) add(parseGradle(g, f));
  }
  const cargo = get('Cargo.toml');
  if (cargo !== undefined) add(parseCargo(cargo));
  return out;
}

function languageOf(view: RepoView, manifests: ManifestInfo[]): string | undefined {
  const has = (p: string) => view.files.has(p);
  const first = manifests[0]?.file;
  if (first === 'package.json') return has('tsconfig.json') || manifests[0]?.dependencies.includes('typescript') ? 'typescript' : 'javascript';
  if (first === 'go.mod') return 'go';
  if (first === 'pyproject.toml' || first === 'requirements.txt' || has('setup.py')) return 'python';
  if (first === 'pom.xml' || first === 'build.gradle') return 'java';
  if (first === 'build.gradle.kts') return 'kotlin';
  if (first === 'Cargo.toml') return 'rust';
  return undefined;
}

/** Decides language, frameworks and component type; every decision carries its reason. */
export function detectStack(view: RepoView): Stack {
  const manifests = readManifests(view);
  const language = languageOf(view, manifests);
  const found = frameworksOf(manifests.flatMap((m) => m.dependencies));
  const server = found.find((f) => f.role === 'server');
  const frontend = found.find((f) => f.role === 'frontend');
  const publishable = manifests.some((m) => m.publishable);
  const has = (p: string) => view.files.has(p);
  const decide = (type: ComponentType, typeReason: string): Stack => ({ language, frameworks: found.map((f) => f.framework), type, typeReason, manifests });

  if (server) return decide('service', `Depends on the server framework ${server.framework}.`);
  if (frontend && !publishable) return decide('website', `Depends on the frontend framework ${frontend.framework} and is not a published package.`);
  if (has('Dockerfile')) return decide('service', 'Has a Dockerfile, so it is deployed as a running program.');
  if (language === 'go' && (has('main.go') || [...view.files.keys()].some((k) => k.startsWith('cmd/')))) return decide('service', 'Go module with a main package (main.go or cmd/).');
  if (has('manage.py')) return decide('service', 'Has a Django manage.py.');
  if (manifests.some((m) => m.packaging === 'war')) return decide('service', 'Maven packaging is war (a deployable web application).');
  if (manifests.some((m) => m.runnable) && !publishable) return decide('service', 'Has a start script or binary and is not a published package.');
  if (manifests.length > 0) return decide('library', `A ${manifests[0]?.file} package with no sign of a server (no Dockerfile, server framework or main entry).`);
  return decide('other', 'No manifest or Dockerfile was recognised; choose a type.');
}
