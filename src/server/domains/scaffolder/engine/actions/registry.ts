import { z } from 'zod';
import type { ActionDescription } from '../types';
import type { TemplateAction } from './actionTypes';
import { catalogActions } from './catalog';
import { debugActions } from './debug';
import { fetchActions } from './fetch';
import { fsActions } from './fs';
import { publishGitAction } from './publishGit';

export interface ActionRegistry {
  get(id: string): TemplateAction | undefined;
  has(id: string): boolean;
  list(): ActionDescription[];
}

export function createActionRegistry(actions: TemplateAction[]): ActionRegistry {
  const byId = new Map<string, TemplateAction>();
  for (const a of actions) {
    if (byId.has(a.id)) throw new Error(`action ${a.id} is registered twice`);
    byId.set(a.id, a);
  }
  return {
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    list: () => [...byId.values()].map((a) => ({
      id: a.id,
      description: a.description,
      schema: {
        input: z.toJSONSchema(a.schema.input, { io: 'input', unrepresentable: 'any' }),
        ...(a.schema.output ? { output: z.toJSONSchema(a.schema.output, { unrepresentable: 'any' }) } : {}),
      },
    })),
  };
}

export function builtinActions(): TemplateAction[] {
  return [...fetchActions, ...fsActions, ...debugActions, ...catalogActions, publishGitAction];
}
