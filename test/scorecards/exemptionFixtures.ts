// Shared by the exemption tests (API, CLI, browser): the scored organisation plus services one rule short
// of gold, a non-member user, and tokens for an owner, an outsider, a reader, a non-user bot and a second admin.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startScaffolderServer, type ScaffolderServer } from '../scaffolder/scaffolderFixtures';
import { serviceYaml, writeScoredOrganisation } from './scorecardFixtures';

/** Services at silver whose only rule short of gold is on-call. */
export const ONE_SHORT = ['near-svc', 'soon-svc', 'cli-svc', 'ui-svc'] as const;

export interface ExemptionServer extends ScaffolderServer {
  tokens: { jane: string; bob: string; rita: string; bot: string; pat: string; admin: string };
}

export async function startExemptionServer(dir: string): Promise<ExemptionServer> {
  writeScoredOrganisation(dir);
  for (const name of ONE_SHORT) {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'catalog-info.yaml'), serviceYaml(name, { description: 'Takes payments from the shop', docs: true, runbook: true, system: 'shop' }));
  }
  mkdirSync(join(dir, 'users'), { recursive: true });
  writeFileSync(join(dir, 'users/catalog-info.yaml'), [
    'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: bob\nspec:\n  memberOf: [platform]\n',
    'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: pat\nspec:\n  memberOf: [platform]\n',
  ].join('---\n'));
  const s = await startScaffolderServer({ PAVED_LOCATIONS: `file:${dir}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' });
  const [jane, bob, rita, bot, pat] = await Promise.all([
    s.addToken('user:default/jane', ['editor']), s.addToken('user:default/bob', ['editor']), s.addToken('user:default/rita', ['reader']),
    s.addToken('token:ci-bot', ['editor']), s.addToken('user:default/pat', ['admin']),
  ]);
  return { ...s, tokens: { jane, bob, rita, bot, pat, admin: s.paved.adminToken } };
}

/** An ISO time `seconds` from now. */
export const inSeconds = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();
