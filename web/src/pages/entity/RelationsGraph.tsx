// The relations graph (React Flow + dagre). Clicking (or Enter on) a node opens that entity.
import { useMemo } from 'react';
import { Background, Handle, Position, ReactFlow, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Box, Card, Group, Text, useComputedColorScheme } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEntitiesByRefs } from '../../api/hooks';
import type { Entity } from '../../api/types';
import { kindColor } from '../../components/KindBadge';
import { entityParams, entityTitle, stringifyEntityRef, tryParseRef } from '../../lib/entityRef';
import { buildRelationGraph, NODE_HEIGHT, NODE_WIDTH, PILL_HEIGHT, PILL_WIDTH, shownRelations, type RelationNode } from './relationGraph';

function EntityNode({ data }: NodeProps<RelationNode>) {
  const color = kindColor(data.kind);
  const border = data.missing
    ? '1px dashed var(--mantine-color-red-6)'
    : data.center
      ? `2px solid var(--mantine-color-${color}-6)`
      : '1px solid var(--mantine-color-default-border)';
  return (
    <Box
      w={NODE_WIDTH}
      h={NODE_HEIGHT}
      px={10}
      py={5}
      style={{
        border,
        borderRadius: 6,
        background: data.center ? `var(--mantine-color-${color}-light)` : 'var(--mantine-color-body)',
        cursor: data.more || data.center ? 'default' : 'pointer',
        overflow: 'hidden',
      }}
      title={data.missing ? `${data.ref} (not in the catalog)` : data.ref}
    >
      <Handle type="target" position={Position.Left} style={{ visibility: 'hidden' }} />
      {data.more ? (
        <Text size="xs" c="dimmed" mt={8}>
          {data.label}
        </Text>
      ) : (
        <>
          <Text size="10px" fw={700} tt="uppercase" c={data.missing ? 'red' : `${color}.6`} lh={1.3}>
            {data.kind}
            {data.missing ? ' · missing' : ''}
          </Text>
          <Text size="xs" fw={data.center ? 700 : 500} truncate lh={1.4}>
            {data.label}
          </Text>
        </>
      )}
      <Handle type="source" position={Position.Right} style={{ visibility: 'hidden' }} />
    </Box>
  );
}

function RelationPill({ data }: NodeProps<RelationNode>) {
  return (
    <Box w={PILL_WIDTH} h={PILL_HEIGHT} style={{ borderRadius: 11, border: '1px solid var(--mantine-color-default-border)',
      background: 'var(--mantine-color-default-hover)', display: 'flex', alignItems: 'center', justifyContent: 'center', cursor: 'default' }}>
      <Handle type="target" position={Position.Left} style={{ visibility: 'hidden' }} />
      <Text size="10px" c="dimmed" ff="monospace">{data.label}</Text>
      <Handle type="source" position={Position.Right} style={{ visibility: 'hidden' }} />
    </Box>
  );
}

function displayTitle(e: Entity): string | undefined {
  const p = e.spec?.profile;
  const name = p && typeof p === 'object' && !Array.isArray(p) ? p.displayName : undefined;
  return e.metadata.title ?? (typeof name === 'string' ? name : undefined);
}

const nodeTypes = { entity: EntityNode, relation: RelationPill };
const TITLE_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.profile.displayName'];

export function RelationsGraph({ entity }: { entity: Entity }) {
  const navigate = useNavigate();
  const scheme = useComputedColorScheme('light');
  const relations = useMemo(() => entity.relations ?? [], [entity.relations]);
  const refs = useMemo(() => [...new Set(shownRelations(relations).map((r) => r.targetRef))], [relations]);
  const lookup = useEntitiesByRefs(refs, TITLE_FIELDS);

  const graph = useMemo(() => {
    const titles = new Map<string, { title?: string; missing: boolean }>();
    if (lookup.data && !lookup.isPlaceholderData) {
      refs.forEach((ref, i) => {
        const found = lookup.data[i];
        titles.set(ref.toLowerCase(), { title: found ? displayTitle(found) : undefined, missing: !found });
      });
    }
    return buildRelationGraph(stringifyEntityRef(entity), entity.kind, entityTitle(entity), relations, titles);
  }, [entity, relations, refs, lookup.data, lookup.isPlaceholderData]);

  const height = Math.min(560, Math.max(220, graph.nodes.length * 30));

  return (
    <Card withBorder padding="md" data-testid="relations-graph">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Relations</Text>
        <Text size="xs" c="dimmed">
          {relations.length} relation{relations.length === 1 ? '' : 's'}
        </Text>
      </Group>
      {relations.length === 0 ? (
        <Text size="sm" c="dimmed">
          This entity has no relations.
        </Text>
      ) : (
        <Box h={height} className="paved-flow">
          <ReactFlow
            key={stringifyEntityRef(entity)}
            nodes={graph.nodes}
            edges={graph.edges}
            nodeTypes={nodeTypes}
            colorMode={scheme}
            fitView
            fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
            minZoom={0.2}
            nodesDraggable={false}
            nodesConnectable={false}
            zoomOnScroll={false}
            preventScrolling={false}
            proOptions={{ hideAttribution: true }}
            onNodeClick={(_, node) => {
              const ref = node.data.center || node.data.more ? null : tryParseRef(node.data.ref);
              if (ref && node.type === 'entity') void navigate({ to: '/catalog/$namespace/$kind/$name', params: entityParams(ref) });
            }}
          >
            <Background gap={18} size={1} />
          </ReactFlow>
        </Box>
      )}
    </Card>
  );
}
