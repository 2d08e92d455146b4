// Actions on one failing rule of one entity: asking for an exemption (ADR 0028).
import { RequestExemptionButton } from './exemptions/RequestExemptionButton';

export type FailingRuleProps = { scorecardRef: string; entityRef: string; ruleId: string; ruleTitle: string };

export function FailingRuleActions(props: FailingRuleProps) {
  return <RequestExemptionButton {...props} />;
}
