// What the repository source derives from files (ADR 0030): CODEOWNERS, lockfiles, CI configuration,
// NetworkPolicy manifests from a listing; probes from score.yaml; default-deny from NetworkPolicy YAML.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { networkPolicyDefaultDeny, scoreProbes } from '../../src/server/domains/facts/facts.parsers';
import { classifyFiles, isWellKnown } from '../../src/server/domains/facts/facts.repositoryFiles';

describe('repository files', () => {
  it('names the CODEOWNERS GitHub would use, lockfiles of several ecosystems, CI configuration and policies', () => {
    const files = ['.circleci/config.yml', '.github/CODEOWNERS', '.github/workflows/ci.yml', '.github/workflows/release.yaml', '.gitlab-ci.yml', 'CODEOWNERS',
      'Cargo.lock', 'Jenkinsfile', 'go.sum', 'k8s/network-policy.yaml', 'package.json', 'poetry.lock', 'yarn.lock'];
    assert.deepEqual(classifyFiles(files), {
      codeowners: '.github/CODEOWNERS',
      lockfiles: ['Cargo.lock', 'go.sum', 'poetry.lock', 'yarn.lock'],
      ci: ['.circleci/config.yml', '.github/workflows/ci.yml', '.github/workflows/release.yaml', '.gitlab-ci.yml', 'Jenkinsfile'],
      networkPolicies: ['k8s/network-policy.yaml'],
    });
    assert.deepEqual(classifyFiles(['docs/CODEOWNERS', 'README.md']), { codeowners: 'docs/CODEOWNERS', lockfiles: [], ci: [], networkPolicies: [] });
    assert.deepEqual(classifyFiles(['README.md']).codeowners, null);
  });

  it('reports below the top level only the paths rules ask about', () => {
    for (const p of ['.github/CODEOWNERS', '.github/workflows/ci.yml', '.circleci/config.yml', 'deploy/networkpolicy.yaml', 'k8s/NetworkPolicies.yml']) assert.equal(isWellKnown(p), true, p);
    for (const p of ['.github/dependabot.yml', 'docs/index.md', 'k8s/deployment.yaml', 'src/k8s/network-policy.yaml', '.github/workflows/nested/ci.yml']) assert.equal(isWellKnown(p), false, p);
  });
});

describe('score.yaml probes', () => {
  it('tells, per container, whether it declares a liveness and a readiness probe', () => {
    const text = [
      'apiVersion: score.dev/v1b1', 'metadata: { name: x }', 'containers:',
      '  main:', '    image: .', '    livenessProbe: { httpGet: { path: /healthz, port: 8080 } }', '    readinessProbe: { httpGet: { path: /readyz, port: 8080 } }',
      '  sidecar:', '    image: envoy', '    readinessProbe: { exec: { command: [true] } }', '    livenessProbe: {}', '',
    ].join('\n');
    assert.deepEqual(scoreProbes(text), [{ container: 'main', liveness: true, readiness: true }, { container: 'sidecar', liveness: false, readiness: true }]);
    assert.equal(scoreProbes('not: [score'), undefined);
    assert.equal(scoreProbes('apiVersion: score.dev/v1b1\n'), undefined);
  });
});

describe('network policy default deny', () => {
  const policy = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n${spec}`;
  it('is a policy over every pod, for ingress, that allows none', () => {
    assert.equal(networkPolicyDefaultDeny(policy('  podSelector: {}\n  policyTypes: [Ingress]\n')), true);
    assert.equal(networkPolicyDefaultDeny(policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  ingress: []\n')), true);
    const allowAndDeny = `${policy('  podSelector: { matchLabels: { app: x } }\n  policyTypes: [Ingress]\n  ingress: [{ from: [] }]\n')}---\n${policy('  podSelector: {}\n  policyTypes: [Ingress]\n')}`;
    assert.equal(networkPolicyDefaultDeny(allowAndDeny), true);
  });
  it('is not one that selects some pods, allows ingress, or covers only egress; no policy at all is undefined', () => {
    assert.equal(networkPolicyDefaultDeny(policy('  podSelector: { matchLabels: { app: x } }\n  policyTypes: [Ingress]\n')), false);
    assert.equal(networkPolicyDefaultDeny(policy('  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{}]\n')), false);
    assert.equal(networkPolicyDefaultDeny(policy('  podSelector: {}\n  policyTypes: [Egress]\n')), false);
    assert.equal(networkPolicyDefaultDeny('apiVersion: v1\nkind: Service\nmetadata: { name: s }\n'), undefined);
    assert.equal(networkPolicyDefaultDeny('kind: [broken'), undefined);
  });
});
