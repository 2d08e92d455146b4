/** Why a render failed; lets callers tell a template bug from a sandbox bound. */
export type TemplateRenderErrorReason = 'syntax' | 'render' | 'timeout' | 'memory' | 'input' | 'sandbox';

/**
 * A template failed to render. The message says what failed ("unknown filter 'foo'",
 * "timed out after 1000 ms", "memory limit of 64 MB exceeded") and, when nunjucks knows it,
 * where (`line`/`column`, 1-based, also appended to the message).
 */
export class TemplateRenderError extends Error {
  override readonly name = 'TemplateRenderError';
  readonly reason: TemplateRenderErrorReason;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(reason: TemplateRenderErrorReason, message: string, position: { line?: number; column?: number } = {}) {
    super(position.line ? `${message} (line ${position.line}${position.column ? `, column ${position.column}` : ''})` : message);
    this.reason = reason;
    this.line = position.line;
    this.column = position.column;
  }
}
