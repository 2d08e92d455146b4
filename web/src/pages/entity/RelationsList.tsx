// Relations as text: every relation type with its targets, links in tab order. The graph shows the
// shape; this list is the complete, keyboard-friendly version.
import { useState } from 'react';
import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { EntityRelation } from '../../api/types';
import { EntityRefLink } from '../../components/EntityRefLink';

const LABELS: Record<string, string> = {
  ownedBy: 'Owned by',
  ownerOf: 'Owner of',
  partOf: 'Part of',
  hasPart: 'Has part',
  dependsOn: 'Depends on',
  dependencyOf: 'Dependency of',
  providesApi: 'Provides API',
  apiProvidedBy: 'Provided by',
  consumesApi: 'Consumes API',
  apiConsumedBy: 'Consumed by',
  memberOf: 'Member of',
  hasMember: 'Has member',
  childOf: 'Child of',
  parentOf: 'Parent of',
};

const SHOWN = 12;

function Targets({ refs }: { refs: string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? refs : refs.slice(0, SHOWN);
  return (
    <Group gap={4} style={{ rowGap: 2 }}>
      {shown.map((r, i) => (
        <Text key={r} span size="sm">
          <EntityRefLink entityRef={r} showKind />
          {i < shown.length - 1 ? ',' : ''}
        </Text>
      ))}
      {refs.length > SHOWN ? (
        <Anchor component="button" size="sm" onClick={() => setAll((x) => !x)}>
          {all ? 'show fewer' : `and ${refs.length - SHOWN} more`}
        </Anchor>
      ) : null}
    </Group>
  );
}

export function RelationsList({ relations }: { relations: EntityRelation[] }) {
  const byType = new Map<string, string[]>();
  for (const r of relations) {
    const list = byType.get(r.type) ?? [];
    if (!list.includes(r.targetRef)) list.push(r.targetRef);
    byType.set(r.type, list);
  }
  if (byType.size === 0) return null;
  return (
    <Card withBorder padding="md" data-testid="relations-list">
      <Text fw={600} mb="xs">
        Related entities
      </Text>
      <Table fz="sm" verticalSpacing={6}>
        <Table.Tbody>
          {[...byType].map(([type, refs]) => (
            <Table.Tr key={type}>
              <Table.Td w={150} style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {LABELS[type] ?? type}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {refs.length}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Targets refs={refs} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
