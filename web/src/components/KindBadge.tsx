import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  component: 'indigo',
  api: 'grape',
  system: 'teal',
  domain: 'cyan',
  resource: 'orange',
  group: 'blue',
  user: 'pink',
  location: 'gray',
  template: 'lime',
};

export const kindColor = (kind: string): string => COLORS[kind.toLowerCase()] ?? 'gray';

export function KindBadge({ kind, size = 'sm' }: { kind: string; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge size={size} variant="light" color={kindColor(kind)} radius="sm" tt="none">
      {kind}
    </Badge>
  );
}
