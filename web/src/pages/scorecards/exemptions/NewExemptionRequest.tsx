// "New request" on the exemptions page: choose a scorecard, a rule and an entity, then ask through the
// same RequestExemptionButton the entity page uses.
import { useState } from 'react';
import { Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { RequestExemptionButton } from './RequestExemptionButton';
import { useScorecardList, useScorecardRules } from './exemptionsApi';

export function NewExemptionRequest() {
  const [scorecardRef, setScorecardRef] = useState<string | null>(null);
  const [ruleId, setRuleId] = useState<string | null>(null);
  const [entityRef, setEntityRef] = useState('');
  const cards = useScorecardList();
  const rules = useScorecardRules(scorecardRef);
  const rule = rules.data?.ruleDetails.find((r) => r.id === ruleId);
  const ref = entityRef.trim();

  return (
    <Paper withBorder p="sm" mb="md" aria-label="new exemption request">
      <Text size="sm" fw={600} mb="xs">New request</Text>
      <Group align="flex-end" gap="sm">
        <Select label="Scorecard" placeholder="Choose" w={240} searchable value={scorecardRef}
          data={(cards.data?.items ?? []).map((c) => ({ value: c.entityRef, label: c.title ?? c.name }))}
          onChange={(v) => { setScorecardRef(v); setRuleId(null); }} />
        <Select label="Rule" placeholder={scorecardRef ? 'Choose' : 'Choose a scorecard first'} w={260} searchable value={ruleId} disabled={!rules.data}
          data={(rules.data?.ruleDetails ?? []).map((r) => ({ value: r.id, label: `${r.title} (${r.level})` }))} onChange={setRuleId} />
        <TextInput label="Entity" placeholder="component:default/payments" w={280} value={entityRef} onChange={(e) => setEntityRef(e.currentTarget.value)} />
        {scorecardRef && rule && ref ? (
          <RequestExemptionButton scorecardRef={scorecardRef} entityRef={ref} ruleId={rule.id} ruleTitle={rule.title} />
        ) : null}
      </Group>
    </Paper>
  );
}
