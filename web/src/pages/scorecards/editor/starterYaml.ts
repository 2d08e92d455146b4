import { parseDocument } from 'yaml';

// What a new scorecard starts from: every part of the kind, small enough to read at a glance.
export const STARTER_YAML = `apiVersion: paved.dev/v1alpha1
kind: Scorecard
metadata:
  name: my-scorecard
  title: My scorecard
spec:
  owner: group:default/platform
  filter:
    kind: component
  levels: [bronze, silver]
  rules:
    - id: has-owner
      title: Owned by a team
      level: bronze
      fix: Set \`spec.owner\` to your team's Group.
      check: { type: ownerIsGroup }
    - id: has-description
      title: Says what it does
      level: silver
      fix: Add \`metadata.description\`.
      check:
        type: expression
        expression: has(entity.metadata.description)
`;

/** namespace and name of the document, read leniently (the server validates it, with lines); null if unreadable. */
export function nameOfYaml(yaml: string): { namespace: string; name: string } | null {
  try {
    const meta = (parseDocument(yaml).toJS() as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
    if (typeof meta?.name !== 'string' || !meta.name) return null;
    return { namespace: typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default', name: meta.name };
  } catch {
    return null;
  }
}
