// Pass, fail or error of one rule as a small coloured glyph with an accessible name.
import { ThemeIcon } from '@mantine/core';

const LOOK = { pass: { color: 'teal', glyph: '✓' }, fail: { color: 'red', glyph: '✗' }, error: { color: 'orange', glyph: '!' } } as const;

export function RuleStatusIcon({ status }: { status: keyof typeof LOOK }) {
  const look = LOOK[status];
  return (
    <ThemeIcon size="sm" radius="xl" color={look.color} variant="light" role="img" aria-label={status} data-testid="rule-status" data-status={status}>
      <span style={{ fontSize: 12, fontWeight: 700 }} aria-hidden="true">{look.glyph}</span>
    </ThemeIcon>
  );
}
