// Scorecards written as YAML text, as the API, the CLI and the editor receive them.

export interface ScorecardYamlOptions {
  name?: string;
  /** Adds a rule at the first level: the on-call annotation (only gold-svc of the scored organisation has it). */
  onCallAtBasic?: boolean;
  /** Leaves the has-docs rule out (the "documented" level then has no rule). */
  withoutDocsRule?: boolean;
}

/**
 * "Docs ready" over the services of writeScoredOrganisation: basic = a description of 10+ characters,
 * documented = has docs. gold-svc, silver-svc and jane-svc reach documented; bronze-svc basic.
 */
export function docsReadyYaml(opts: ScorecardYamlOptions = {}): string {
  return [
    'apiVersion: paved.dev/v1alpha1',
    'kind: Scorecard',
    'metadata:',
    `  name: ${opts.name ?? 'docs-ready'}`,
    '  title: Docs ready',
    'spec:',
    '  owner: group:default/platform',
    '  filter:',
    '    kind: component',
    '    spec.type: service',
    '  levels: [basic, documented]',
    '  rules:',
    '    - id: has-description',
    '      title: Says what it does',
    '      level: basic',
    '      fix: Add `metadata.description`.',
    '      check:',
    '        type: expression',
    '        expression: has(entity.metadata.description) && size(entity.metadata.description) >= 10',
    ...(opts.onCallAtBasic ? [
      '    - id: on-call',
      '      title: Has an on-call rotation',
      '      level: basic',
      '      check: { type: annotationPresent, annotation: pagerduty.com/service-id }',
    ] : []),
    ...(opts.withoutDocsRule ? [] : [
      '    - id: has-docs',
      '      title: Publishes docs',
      '      level: documented',
      '      check: { type: hasDocs }',
    ]),
    '',
  ].join('\n');
}
