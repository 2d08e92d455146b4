import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers/startPaved';

/** A Component descriptor with the parts the production-readiness scorecard looks at. */
export function serviceYaml(name: string, opts: { owner?: string; description?: string; docs?: boolean; runbook?: boolean; pagerduty?: boolean; system?: string; type?: string } = {}): string {
  const annotations = [opts.docs ? '    backstage.io/techdocs-ref: dir:.' : '', opts.pagerduty ? '    pagerduty.com/service-id: P123' : ''].filter(Boolean);
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    opts.description ? `  description: ${opts.description}` : '',
    annotations.length ? `  annotations:\n${annotations.join('\n')}` : '',
    opts.runbook ? '  links:\n    - url: https://runbooks.example.com/x\n      title: Runbook' : '',
    'spec:',
    `  type: ${opts.type ?? 'service'}`,
    '  lifecycle: production',
    `  owner: ${opts.owner ?? 'team-a'}`,
    opts.system ? `  system: ${opts.system}` : '',
  ].filter(Boolean).join('\n') + '\n';
}

const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

/** An organisation with one service at each level of production-readiness, one below all, one library it does not apply to. */
export function writeScoredOrganisation(dir: string): void {
  write(join(dir, 'org/catalog-info.yaml'), [
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: platform\nspec:\n  type: team\n  children: []\n',
    'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jane\nspec:\n  memberOf: [team-a]\n',
    'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\nspec:\n  owner: team-a\n',
  ].join('---\n'));
  const full = { description: 'Takes payments from the shop', docs: true, runbook: true };
  write(join(dir, 'gold-svc/catalog-info.yaml'), serviceYaml('gold-svc', { ...full, pagerduty: true, system: 'shop' }));
  write(join(dir, 'silver-svc/catalog-info.yaml'), serviceYaml('silver-svc', full));
  write(join(dir, 'bronze-svc/catalog-info.yaml'), serviceYaml('bronze-svc', { description: 'Sends the invoices out' }));
  write(join(dir, 'jane-svc/catalog-info.yaml'), serviceYaml('jane-svc', { ...full, owner: 'user:jane' }));
  write(join(dir, 'lib/catalog-info.yaml'), serviceYaml('some-lib', { type: 'library' }));
  mkdirSync(join(dir, 'scorecards'), { recursive: true });
  copyFileSync(join(ROOT, 'test/scorecards/fixtures/production-readiness.yaml'), join(dir, 'scorecards/catalog-info.yaml'));
}
