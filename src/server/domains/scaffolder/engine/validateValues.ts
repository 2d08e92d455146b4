import { compileParameterPage, describeAjvError, knownFields } from './parameterSchema';
import { parameterPages, templateSchema } from './templateSchema';
import { readTemplateDocument } from './templateDocument';
import type { FieldProblem } from './types';

const MAX_VALUES_BYTES = 1024 * 1024;

/**
 * Checks values against every parameter page (each page validates the fields it declares, as Backstage's
 * task creation does), rejects fields no page declares, and returns the values with schema defaults
 * applied. Problems are reported field by field.
 */
export function prepareValues(template: unknown, values: Record<string, unknown>): { values: Record<string, unknown>; problems: FieldProblem[] } {
  const parsed = templateSchema.safeParse(readTemplateDocument(template).value);
  if (!parsed.success) return { values, problems: [{ field: '(template)', message: 'the template is not a valid v1beta3 Template' }] };
  if (!values || typeof values !== 'object' || Array.isArray(values)) return { values, problems: [{ field: '(values)', message: 'must be an object' }] };
  let copy: Record<string, unknown>;
  try {
    const json = JSON.stringify(values);
    if (Buffer.byteLength(json, 'utf8') > MAX_VALUES_BYTES) return { values, problems: [{ field: '(values)', message: `are larger than ${MAX_VALUES_BYTES} bytes` }] };
    copy = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { values, problems: [{ field: '(values)', message: 'must be JSON' }] };
  }
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const add = (p: FieldProblem) => {
    const key = `${p.field}\0${p.message}`;
    if (!seen.has(key)) { seen.add(key); problems.push(p); }
  };
  const known = new Set<string>();
  for (const page of parameterPages(parsed.data)) {
    knownFields(page, known);
    let validate;
    try {
      validate = compileParameterPage(page);
    } catch (err) {
      add({ field: '(template)', message: `parameter schema is invalid: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    if (!validate(copy)) for (const e of validate.errors ?? []) add(describeAjvError(e));
  }
  for (const key of Object.keys(copy)) if (!known.has(key)) add({ field: key, message: 'is not a parameter of this template' });
  return { values: copy, problems };
}

export function validateValues(template: unknown, values: Record<string, unknown>): FieldProblem[] {
  return prepareValues(template, values).problems;
}
