import { compileParameterPage } from './parameterSchema';
import { formatPath, readTemplateDocument } from './templateDocument';
import { normalizeSteps, templateSchema } from './templateSchema';
import type { TemplateProblem } from './types';

type Path = Array<string | number>;

/** Every string in a value with its path, for textual checks of the expressions inside. */
function* strings(value: unknown, path: Path): Generator<[string, Path]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

/** Step ids an expression string reads: `steps.id…` and `steps['id']…` / `steps["id"]…`. */
export function referencedStepIds(text: string): string[] {
  if (!text.includes('${{') && !text.includes('{%') && !text.includes('{{')) return [];
  const ids = new Set<string>();
  for (const m of text.matchAll(/(?<![\w$.])steps\s*\.\s*([A-Za-z_$][\w$]*)/g)) if (m[1]) ids.add(m[1]);
  for (const m of text.matchAll(/(?<![\w$.])steps\s*\[\s*(['"])(.*?)\1\s*\]/g)) if (m[2] !== undefined) ids.add(m[2]);
  return [...ids];
}

/**
 * Everything wrong with a template that can be known before running it: its shape, unknown actions,
 * duplicate step ids, parameter schemas that are not valid JSON Schema, and step inputs that read the
 * output of a step that does not run before them. `template` is an entity object or its YAML text
 * (then problems carry line numbers).
 */
export function validateTemplate(template: unknown, knownAction: (id: string) => boolean): TemplateProblem[] {
  const doc = readTemplateDocument(template);
  if (doc.parseErrors.length) return doc.parseErrors.map((e) => ({ path: '(yaml)', message: e.message, ...(e.line ? { line: e.line } : {}) }));
  const problem = (path: Path, message: string): TemplateProblem => {
    const line = doc.lineOf(path);
    return { path: formatPath(path), message, ...(line ? { line } : {}) };
  };
  const parsed = templateSchema.safeParse(doc.value);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => problem(i.path.filter((p): p is string | number => typeof p !== 'symbol'), i.message));
  }
  const problems: TemplateProblem[] = [];
  const steps = normalizeSteps(parsed.data);
  const seen = new Set<string>();
  for (const step of steps) {
    const at: Path = ['spec', 'steps', step.index];
    if (seen.has(step.id)) problems.push(problem([...at, 'id'], `duplicate step id "${step.id}"`));
    if (!knownAction(step.action)) problems.push(problem([...at, 'action'], `unknown action "${step.action}"`));
    for (const key of ['input', 'if', 'each'] as const) {
      const raw = parsed.data.spec.steps[step.index]?.[key];
      for (const [text, path] of strings(raw, [...at, key])) {
        for (const id of referencedStepIds(text)) {
          if (seen.has(id)) continue;
          const why = id === step.id ? 'its own output' : steps.some((s) => s.id === id) ? `step "${id}", which runs later` : `step "${id}", which does not exist`;
          problems.push(problem(path, `refers to the output of ${why}`));
        }
      }
    }
    seen.add(step.id);
  }
  for (const [text, path] of strings(parsed.data.spec.output, ['spec', 'output'])) {
    for (const id of referencedStepIds(text)) if (!seen.has(id)) problems.push(problem(path, `refers to the output of step "${id}", which does not exist`));
  }
  const params = parsed.data.spec.parameters;
  const pages = params === undefined ? [] : Array.isArray(params) ? params.map((p, i) => [p, ['spec', 'parameters', i]] as const) : [[params, ['spec', 'parameters']] as const];
  for (const [page, path] of pages) {
    try {
      compileParameterPage(page);
    } catch (err) {
      problems.push(problem([...path], `invalid JSON Schema: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
  return problems;
}
