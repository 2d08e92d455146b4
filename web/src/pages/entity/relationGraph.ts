// Turns an entity's relations into a small directed graph laid out by dagre. Inverse relations
// are drawn as their forward twin pointing at the entity, so every path reads the same way
// ("checkout-api → ownedBy → checkout-team") and the layout flows left to right.
import dagre from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';
import type { EntityRelation } from '../../api/types';
import { shortRef, tryParseRef } from '../../lib/entityRef';

const INVERSE_OF: Record<string, string> = {
  ownerOf: 'ownedBy',
  hasPart: 'partOf',
  dependencyOf: 'dependsOn',
  apiConsumedBy: 'consumesApi',
  apiProvidedBy: 'providesApi',
  hasMember: 'memberOf',
  parentOf: 'childOf',
};

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 46;
export const PILL_WIDTH = 104;
export const PILL_HEIGHT = 22;
const PER_TYPE = 8;

export type RelationNodeData = {
  ref: string;
  kind: string;
  label: string;
  sublabel?: string;
  center?: boolean;
  missing?: boolean;
  more?: number;
};

export type RelationNode = Node<RelationNodeData>;

/** The refs the graph will show (the first few of each relation type), for a title lookup. */
export function shownRelations(relations: EntityRelation[]): EntityRelation[] {
  const perType = new Map<string, number>();
  const seen = new Set<string>();
  const out: EntityRelation[] = [];
  for (const r of relations) {
    const key = `${r.type}|${r.targetRef}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const n = perType.get(r.type) ?? 0;
    perType.set(r.type, n + 1);
    if (n < PER_TYPE) out.push(r);
  }
  return out;
}

export function buildRelationGraph(
  centerRef: string,
  centerKind: string,
  centerLabel: string,
  relations: EntityRelation[],
  titles: Map<string, { title?: string; missing: boolean }>,
): { nodes: RelationNode[]; edges: Edge[] } {
  const nodes = new Map<string, RelationNode>();
  const edges: Edge[] = [];
  const node = (id: string, data: RelationNodeData): void => {
    if (!nodes.has(id)) nodes.set(id, { id, data, position: { x: 0, y: 0 }, type: 'entity' });
  };
  node(centerRef, { ref: centerRef, kind: centerKind, label: centerLabel, center: true });

  const totals = new Map<string, number>();
  for (const r of relations) totals.set(r.type, (totals.get(r.type) ?? 0) + 1);

  for (const r of shownRelations(relations)) {
    const parsed = tryParseRef(r.targetRef);
    const info = titles.get(r.targetRef.toLowerCase());
    const name = parsed ? shortRef(parsed) : r.targetRef;
    node(r.targetRef, {
      ref: r.targetRef,
      kind: parsed?.kind ?? '?',
      label: info?.title || name,
      sublabel: info?.title && info.title !== name ? name : undefined,
      missing: info?.missing,
    });
    connect(nodes, edges, centerRef, r.targetRef, r.type);
  }
  for (const [type, total] of totals) {
    if (total <= PER_TYPE) continue;
    const id = `more:${type}`;
    node(id, { ref: id, kind: '', label: `+${total - PER_TYPE} more`, more: total - PER_TYPE });
    connect(nodes, edges, centerRef, id, type);
  }
  return layout([...nodes.values()], edges);
}

/**
 * Links `other` to the centre through one small label node per relation type, so twenty
 * "ownedBy" edges share one label instead of stacking twenty.
 */
function connect(nodes: Map<string, RelationNode>, edges: Edge[], center: string, other: string, type: string): void {
  const forward = INVERSE_OF[type];
  const label = forward ?? type;
  const pill = `rel:${type}`;
  if (!nodes.has(pill)) {
    nodes.set(pill, { id: pill, type: 'relation', position: { x: 0, y: 0 }, data: { ref: pill, kind: '', label } });
    edges.push(forward ? edge(pill, center) : edge(center, pill));
  }
  edges.push(forward ? edge(other, pill) : edge(pill, other));
}

const edge = (source: string, target: string): Edge => ({ id: `${source}->${target}`, source, target, type: 'smoothstep' });

function layout(nodes: RelationNode[], edges: Edge[]): { nodes: RelationNode[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 12, ranksep: 48, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    const size = n.type === 'relation' ? { width: PILL_WIDTH, height: PILL_HEIGHT } : { width: NODE_WIDTH, height: NODE_HEIGHT };
    g.setNode(n.id, size);
  }
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return {
    nodes: nodes.map((n) => {
      const p = g.node(n.id);
      const [w, h] = n.type === 'relation' ? [PILL_WIDTH, PILL_HEIGHT] : [NODE_WIDTH, NODE_HEIGHT];
      return { ...n, position: { x: p.x - w / 2, y: p.y - h / 2 } };
    }),
    edges,
  };
}
