// Rule expressions in CEL, the Common Expression Language (ADR 0025): a non-Turing-complete language
// whose evaluation is bounded by the size of the expression and its input, with RE2 regular
// expressions (linear time), so an expression from a catalog file cannot loop, reach Node, or hang on
// a pathological pattern.
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';

/** Longest expression accepted (a rule, not a program). */
export const MAX_EXPRESSION_LENGTH = 4096;

/** What an expression sees: the entity as served (relations included) and the entity's facts by name. */
export interface ExpressionInput {
  entity: unknown;
  facts: Record<string, unknown>;
}

export type ExpressionOutcome = { ok: true; value: boolean } | { ok: false; error: string };

export interface CompiledExpression {
  source: string;
  evaluate(input: ExpressionInput): ExpressionOutcome;
}

const env = celEnv();

/** Renders a CEL value for a message (bigint ints, lists, maps), bounded. */
function describe(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Parses a CEL expression once, for evaluation over many entities. Returns the parse error, with its
 * column, when the expression is not valid CEL.
 */
export function compileExpression(source: string): { ok: true; expression: CompiledExpression } | { ok: false; error: string } {
  if (source.length > MAX_EXPRESSION_LENGTH) return { ok: false, error: `expected an expression of at most ${MAX_EXPRESSION_LENGTH} characters, but found ${source.length}` };
  let program: (vars: ExpressionInput) => unknown;
  try {
    program = plan(env, parse(source)) as unknown as (vars: ExpressionInput) => unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^<input>:/, 'at ') : String(err);
    return { ok: false, error: `invalid CEL expression: ${message}` };
  }
  return {
    ok: true,
    expression: {
      source,
      evaluate(input) {
        let value: unknown;
        try {
          value = program(input);
        } catch (err) {
          return { ok: false, error: err instanceof Error ? err.message : String(err) };
        }
        if (isCelError(value)) return { ok: false, error: value.message };
        if (typeof value !== 'boolean') return { ok: false, error: `expected the expression to give true or false, but it gave ${describe(value)}` };
        return { ok: true, value };
      },
    },
  };
}
