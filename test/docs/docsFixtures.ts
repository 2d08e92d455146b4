// Docs fixtures: a component whose descriptor sits next to an mkdocs.yml and a docs folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const docsComponentYaml = (name: string, opts: { description?: string; title?: string; ref?: string } = {}) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${opts.title ? `  title: ${opts.title}\n` : ''}${opts.description ? `  description: ${opts.description}\n` : ''}  annotations:
    backstage.io/techdocs-ref: ${opts.ref ?? 'dir:.'}
spec:
  type: service
  lifecycle: production
  owner: team-docs
`;

/** The files of a small site: home, a guide linking back home, a page with a table, code and an admonition. */
export function siteFiles(name: string, opts: { guideText?: string } = {}): Record<string, string> {
  return {
    'catalog-info.yaml': docsComponentYaml(name, { description: 'Handles payouts for merchants' }),
    'mkdocs.yml': `site_name: ${name} handbook\nnav:\n  - Home: index.md\n  - Guide: guide/setup.md\n  - Reference: reference.md\nmarkdown_extensions:\n  - admonition\n  - tables\n`,
    'docs/index.md': `# Welcome to ${name}\n\nStart with the [setup guide](guide/setup.md#install).\n\n## Architecture\n\nThe service talks to the ledger.\n`,
    'docs/guide/setup.md': `# Setup guide\n\n## Install\n\n${opts.guideText ?? 'Run the installer once.'}\n\nBack to [home](../index.md).\n\n## Configure\n\nSet \`LEDGER_URL\`.\n`,
    'docs/reference.md': `# Reference\n\n| Flag | Meaning |\n| --- | --- |\n| -v | verbose |\n\n\`\`\`ts\nconst x = 1;\n\`\`\`\n\n!!! warning "Careful"\n    Rotating keys drops sessions.\n\nThe zebra crossing protocol is described elsewhere.\n`,
  };
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export interface SiteDto {
  entityRef: string;
  title: string;
  pageCount: number;
  errorCount: number;
  buildCount: number;
  builtAt: string | null;
  source: string;
  nav: Array<{ title: string; slug?: string; children?: unknown[] }>;
  pages: Array<{ slug: string; path: string; title: string }>;
  errors: Array<{ file: string; line?: number; message: string }>;
  allowedActions: string[];
}
export interface PageDto { slug: string; title: string; html: string; headings: Array<{ level: number; text: string; id: string }> }
export interface SearchDto {
  results: Array<{ type: 'docs' | 'entity'; entityRef: string; link: string; score: number; pageTitle?: string; heading?: string; name?: string; snippet: Array<{ text: string; match: boolean }> }>;
  hasMore: boolean;
}
