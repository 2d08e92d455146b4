// The place for actions on one failing rule of one entity (the exemption request lives here once
// pages/scorecards/exemptions is merged). Renders nothing until then.
export type FailingRuleProps = { scorecardRef: string; entityRef: string; ruleId: string; ruleTitle: string };

export function FailingRuleActions(_props: FailingRuleProps) {
  return null;
}
