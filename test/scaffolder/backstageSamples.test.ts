// Backstage's sample templates (examples/templates/backstage-samples: docs-template and create-react-app,
// unchanged apart from publish:github → publish:git) registered as a location and run through the task
// API with values as Backstage's wizard would send them: the published repository's files and the
// registered Component are checked, and the docs site the docs template asks for is built.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, readEventStream, startScaffolderServer, type ScaffolderServer } from './scaffolderFixtures';

interface Task { status: string; steps: Array<{ id: string; status: string }>; output?: { links?: Array<{ title?: string; url?: string; entityRef?: string }> } }
interface Entity { metadata: { name: string; description?: string; annotations: Record<string, string> }; spec: { type: string; lifecycle: string; owner: string }; relations?: Array<{ type: string; targetRef: string }> }

const SAMPLES = join(ROOT, 'examples/templates/backstage-samples');
let s: ScaffolderServer;
let editor: string;

const api = <T>(method: string, path: string, body?: unknown, token?: string) => s.paved.api<T>(method, path, body, token === undefined ? {} : { token });

/** Runs a template to its end through the SSE stream and returns the finished task. */
async function run(templateRef: string, values: Record<string, unknown>): Promise<Task> {
  const created = await api<{ id: string }>('POST', '/api/scaffolder/v2/tasks', { templateRef, values }, editor);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const stream = await readEventStream(`${s.paved.url}/api/scaffolder/v2/tasks/${created.body.id}/eventstream`, editor);
  const last = stream.at(-1);
  assert.equal(last?.data.body.status, 'completed', JSON.stringify(stream.map((e) => e.data.body.message)));
  return (await api<Task>('GET', `/api/scaffolder/v2/tasks/${created.body.id}`, undefined, editor)).body;
}

function repoFiles(owner: string, repo: string): { bare: string; files: string[]; show(path: string): string } {
  const bare = join(s.paved.dataDir, 'repos', owner, `${repo}.git`);
  const files = execFileSync('git', ['--git-dir', bare, 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' }).trim().split('\n').sort();
  return { bare, files, show: (path) => execFileSync('git', ['--git-dir', bare, 'show', `main:${path}`], { encoding: 'utf8' }) };
}

const entity = async (ref: string) => {
  const [kind, rest] = ref.split(':') as [string, string];
  const r = await api<Entity>('GET', `/api/catalog/entities/by-name/${kind}/${rest}`);
  assert.equal(r.status, 200, `${ref}: ${JSON.stringify(r.body)}`);
  return r.body;
};

before(async () => {
  s = await startScaffolderServer();
  editor = await s.addToken('user:default/alice', ['editor']);
  // A glob, as the README says: a directory location would also read the skeletons' catalog-info.yaml templates.
  const r = await api<{ entities: Array<{ kind: string; metadata: { name: string } }> }>('POST', '/api/catalog/locations', { type: 'file', target: `${SAMPLES}/*/template.yaml` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.entities.filter((e) => e.kind === 'Template').map((e) => e.metadata.name).sort(), ['create-react-app-template', 'docs-template']);
});
after(async () => {
  await s?.stop();
});

describe("Backstage's sample templates", () => {
  it('registers both without problems and serves their wizard pages as upstream defines them', async () => {
    for (const name of ['docs-template', 'create-react-app-template']) {
      const problems = await api<{ valid: boolean; problems: unknown[] }>('GET', `/api/scaffolder/v2/templates/default/template/${name}/problems`);
      assert.deepEqual(problems.body, { ...problems.body, valid: true, problems: [] }, name);
    }
    const schema = await api<{ title: string; steps: Array<{ title: string; schema: { properties: Record<string, Record<string, unknown>> } }> }>('GET', '/api/scaffolder/v2/templates/default/template/create-react-app-template/parameter-schema');
    assert.equal(schema.status, 200, JSON.stringify(schema.body));
    assert.deepEqual(schema.body.steps.map((p) => p.title), ['Provide some simple information', 'Choose a location']);
    assert.equal(schema.body.steps[0]?.schema.properties.component_id?.['ui:field'], 'EntityNamePicker');
    assert.deepEqual(schema.body.steps[1]?.schema.properties.repoUrl?.['ui:options'], { allowedHosts: ['github.com'] });
  });

  it('docs-template: publishes mkdocs.yml, docs/ and catalog-info.yaml, registers the Component and builds its docs', async () => {
    const t = await run('template:default/docs-template', {
      name: 'payments-handbook', description: 'How the payments team runs its services', owner: 'group:default/payments', repoUrl: 'github.com?owner=acme&repo=payments-handbook',
    });
    assert.deepEqual(t.steps.map((x) => `${x.id}:${x.status}`), ['fetch:completed', 'publish:completed', 'register:completed']);
    const repo = repoFiles('acme', 'payments-handbook');
    assert.deepEqual(repo.files, ['catalog-info.yaml', 'docs/index.md', 'mkdocs.yml']);
    assert.match(repo.show('mkdocs.yml'), /^site_name: "payments-handbook"$/m);
    assert.match(repo.show('docs/index.md'), /^## payments-handbook\n\nHow the payments team runs its services$/m);
    assert.equal(t.output?.links?.[0]?.url, `file://${repo.bare}`);
    assert.equal(t.output?.links?.[1]?.entityRef, 'component:default/payments-handbook');

    const e = await entity('component:default/payments-handbook');
    assert.equal(e.metadata.description, 'How the payments team runs its services');
    assert.equal(e.metadata.annotations['github.com/project-slug'], 'acme/payments-handbook');
    assert.equal(e.metadata.annotations['backstage.io/techdocs-ref'], 'dir:.');
    assert.deepEqual([e.spec.type, e.spec.lifecycle, e.spec.owner], ['documentation', 'experimental', 'group:default/payments']);
    assert.match(e.metadata.annotations['backstage.io/managed-by-location'] ?? '', /^git:.*acme\/payments-handbook\.git#main:\/?catalog-info\.yaml$/);

    const built = await api<{ outcome: string }>('POST', '/api/docs/default/component/payments-handbook/build');
    assert.equal(built.status, 200, JSON.stringify(built.body));
    const site = await api<{ title: string; pages: Array<{ slug: string }> }>('GET', '/api/docs/default/component/payments-handbook');
    assert.equal(site.body.title, 'payments-handbook');
    assert.deepEqual(site.body.pages.map((p) => p.slug), ['']);
  });

  it('create-react-app: renders the app, copies the workflow without templating, drops an empty description', async () => {
    const t = await run('template:default/create-react-app-template', { component_id: 'pantry-web', owner: 'group:default/storefront', repoUrl: 'github.com?owner=pantry-lane&repo=pantry-web' });
    assert.deepEqual(t.steps.map((x) => `${x.id}:${x.status}`), ['template:completed', 'publish:completed', 'register:completed']);
    const repo = repoFiles('pantry-lane', 'pantry-web');
    for (const f of ['.github/workflows/build.yml', '.gitignore', 'README.md', 'catalog-info.yaml', 'docs/index.md', 'mkdocs.yml', 'package.json', 'public/index.html', 'src/App.tsx', 'src/index.tsx', 'tsconfig.json']) {
      assert.ok(repo.files.includes(f), `${f} in ${repo.files.join(', ')}`);
    }
    assert.equal(JSON.parse(repo.show('package.json')).name, 'pantry-web');
    assert.match(repo.show('src/App.tsx'), /^const name = "pantry-web";$/m);
    assert.match(repo.show('src/App.tsx'), /^const description: string = "";$/m);
    const workflow = repo.show('.github/workflows/build.yml');
    assert.match(workflow, /node-version: \$\{\{ matrix\.node-version \}\}/, 'GitHub expressions kept as written');
    assert.doesNotMatch(repo.show('catalog-info.yaml'), /description:/);

    const e = await entity('component:default/pantry-web');
    assert.equal(e.metadata.description, undefined);
    assert.equal(e.metadata.annotations['github.com/project-slug'], 'pantry-lane/pantry-web');
    assert.equal(e.metadata.annotations['backstage.io/source-template'], undefined, 'upstream skeleton has no catalog:write, so no source-template annotation');
    assert.deepEqual([e.spec.type, e.spec.owner], ['website', 'group:default/storefront']);
    assert.ok(e.relations?.some((r) => r.type === 'ownedBy' && r.targetRef === 'group:default/storefront'), JSON.stringify(e.relations));
  });
});
