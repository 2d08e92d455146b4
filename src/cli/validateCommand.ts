import type { Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { globSync } from 'tinyglobby';
import { entityRelations, parseDescriptor, validateEntity } from '../model';

const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Offline validation of descriptor files; prints `file:line: message` and returns the error count. */
export async function validatePaths(paths: string[]): Promise<{ files: number; entities: number; errors: string[] }> {
  const files: string[] = [];
  const found: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new Error(`${p}: no such file or directory`);
    if (info.isDirectory()) found.push(...globSync(['**/*.yaml', '**/*.yml'], { cwd: p, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] }).sort());
    else files.push(p);
  }
  // In a directory, other YAML (mkdocs.yml, CI files, OpenAPI definitions) is not a descriptor: only
  // catalog-info files and files that declare apiVersion and kind at the top level are checked.
  for (const file of found) {
    if (/(^|\/)catalog-info\.ya?ml$/.test(file) || (await looksLikeDescriptor(file))) files.push(file);
  }
  const errors: string[] = [];
  let entities = 0;
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    const info = await stat(file);
    if (info.size > MAX_FILE_BYTES) {
      errors.push(`${shown}:1: file is ${info.size} bytes, larger than the ${MAX_FILE_BYTES}-byte limit`);
      continue;
    }
    const parsed = parseDescriptor(await readFile(file), { file: shown });
    for (const e of parsed.errors) errors.push(`${shown}:${e.line ?? 1}: ${e.message}`);
    for (const doc of parsed.documents) {
      const valid = validateEntity(doc.value);
      const problems = valid.ok ? entityRelations(valid.entity).errors : valid.errors;
      if (problems.length === 0) entities++;
      for (const e of problems) errors.push(`${shown}:${doc.lineOf(e.path ? e.path.split('.') : [])}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
    }
  }
  return { files: files.length, entities, errors };
}

async function looksLikeDescriptor(file: string): Promise<boolean> {
  const info = await stat(file);
  if (info.size > MAX_FILE_BYTES) return true; // let the size check report it
  const text = await readFile(file, 'utf8');
  return /^apiVersion:[ \t]*\S/m.test(text) && /^kind:[ \t]*\S/m.test(text);
}

export function registerValidateCommand(program: Command): void {
  program.command('validate')
    .description('Validate descriptor files offline (no server needed); exits 1 when any is invalid')
    .argument('<paths...>', 'files or directories')
    .action(async (paths: string[]) => {
      const r = await validatePaths(paths.map((p) => join(p)));
      for (const e of r.errors) process.stdout.write(`${e}\n`);
      process.stdout.write(`${r.files} file(s), ${r.entities} valid entit${r.entities === 1 ? 'y' : 'ies'}, ${r.errors.length} error(s)\n`);
      if (r.errors.length > 0) process.exitCode = 1;
    });
}
