import { Command } from 'commander';
import { registerCatalogCommands } from './catalogCommands';
import { ApiError } from './client';
import { parseOutput, printData, printTable } from './format';
import { api } from './client';
import { registerValidateCommand } from './validateCommand';
import { registerDiscoverCommand } from './discoverCommand';
import { registerDocsCommands } from './docsCommands';
import { registerFactsCommands } from './factsCommands';
import { registerScaffolderCommands } from './scaffolderCommands';
import { registerGoldenPathCommands } from './goldenPathCommands';
import { registerScorecardCommands } from './scorecardCommands';
import { registerExemptionCommands } from './exemptionCommands';
import { registerInitiativeCommands } from './initiativeCommands';
import { registerScorecardAuthoringCommands } from './scorecardAuthoringCommands';

const program = new Command()
  .name('paved')
  .description('Paved — the Internal Developer Platform. Server address from PAVED_URL, token from PAVED_TOKEN.')
  .version('0.1.0')
  .showHelpAfterError();

program.command('serve')
  .description('Run the Paved server (embedded database in ./.paved unless DATABASE_URL is set)')
  .option('-p, --port <port>', 'port to listen on (default 7007)')
  .option('--host <host>', 'address to bind (default 127.0.0.1)')
  .option('-d, --data-dir <dir>', 'data directory (default ./.paved or PAVED_DATA_DIR)')
  .action(async (opts: { port?: string; host?: string; dataDir?: string }) => {
    const { serve } = await import('../server/main');
    await serve({ port: opts.port === undefined ? undefined : Number(opts.port), host: opts.host, dataDir: opts.dataDir });
  });

registerCatalogCommands(program);
registerValidateCommand(program);
registerDiscoverCommand(program);
registerDocsCommands(program);
registerFactsCommands(program);
registerScaffolderCommands(program);
registerGoldenPathCommands(program);
registerScorecardCommands(program);
registerExemptionCommands(program);
registerInitiativeCommands(program);
registerScorecardAuthoringCommands(program);

program.command('audit')
  .description('Read the audit log, newest first')
  .option('-o, --output <format>', 'json | yaml')
  .option('-l, --limit <n>', 'how many', '50')
  .option('--action <action>', 'only this action, e.g. catalog.location.create')
  .action(async (opts: { output?: string; limit: string; action?: string }) => {
    const params = new URLSearchParams({ limit: opts.limit });
    if (opts.action) params.set('action', opts.action);
    const res = await api<{ items: Array<{ id: number; at: string; actor: string; action: string; target: string; outcome: string }> }>('GET', `/api/audit?${params}`);
    if (opts.output) return printData(res.items, parseOutput(opts.output));
    printTable(['ID', 'TIME', 'ACTOR', 'ACTION', 'TARGET', 'OUTCOME'], res.items.map((e) => [String(e.id), e.at, e.actor, e.action, e.target, e.outcome]));
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`paved: ${err instanceof ApiError || err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
