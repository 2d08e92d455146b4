// The last wizard step: the values as entered (secrets masked) and the dry run of the template with
// them, so the user sees every file and the entity before anything is created.
import { useEffect } from 'react';
import { Alert, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { dryRun, ProblemsApiError, type TaskInput } from '../../api/scaffolder';
import { ErrorState } from '../../components/ErrorState';
import { DryRunPreview } from './DryRunPreview';
import { objectItems, resolveSchema } from './form/conditional';
import { enumOptions, fieldName, getPath, propertiesOf, typeOf, uiOf, type FieldPath, type FormValues, type JsonSchema } from './form/schema';
import { isValid } from './form/validate';

export const MASK = '••••••••';

function display(schema: JsonSchema, value: unknown): string {
  if (value === undefined || value === '') return '—';
  const options = enumOptions(schema);
  if (options) return options.find((o) => o.value === JSON.stringify(value))?.label ?? String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') || '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

type Row = { path: string; label: string; value: string };

/** One row per field the form showed for these values; nested objects and list items are flattened into labels. */
function rows(schema: JsonSchema, values: FormValues, base: FieldPath = [], prefix = ''): Row[] {
  const resolved = resolveSchema(schema, base.length > 0 ? getPath(values, base) : values, isValid);
  return propertiesOf(resolved).flatMap(([key, prop]): Row[] => {
    const path = [...base, key];
    const label = `${prefix}${typeof prop.title === 'string' ? prop.title : key}`;
    const ui = uiOf(prop);
    if (ui.widget === 'hidden') return [];
    if (typeOf(prop) === 'object' && !ui.field) return rows(prop, values, path, `${label} › `);
    const value = getPath(values, path);
    const items = typeOf(prop) === 'array' && !ui.field ? objectItems(prop) : undefined;
    if (items && Array.isArray(value) && value.length > 0) return value.flatMap((_, i) => rows(items, values, [...path, i], `${label} › ${i + 1} › `));
    const secret = ui.field === 'Secret' || ui.widget === 'password';
    return [{ path: fieldName(path), label, value: secret && value !== undefined && value !== '' ? MASK : display(prop, value) }];
  });
}

export function ReviewValues({ pages, titles, values }: { pages: JsonSchema[]; titles: string[]; values: FormValues }) {
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="sm">Values</Title>
      <Table fz="sm" verticalSpacing={4} data-testid="review-values">
        <Table.Tbody>
          {pages.map((page, i) => [
            <Table.Tr key={`h${i}`}><Table.Td colSpan={2}><Text size="xs" c="dimmed" tt="uppercase" fw={600}>{titles[i]}</Text></Table.Td></Table.Tr>,
            ...rows(page, values).map((r) => (
              <Table.Tr key={r.path} data-field={r.path}>
                <Table.Th w={220} fw={500}>{r.label}</Table.Th>
                <Table.Td style={{ wordBreak: 'break-word' }} data-testid="review-value">{r.value}</Table.Td>
              </Table.Tr>
            )),
          ])}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

type Props = {
  input: TaskInput;
  pages: JsonSchema[];
  titles: string[];
  canRun: boolean;
  /** Field problems of the dry run go back onto the fields. */
  onProblems(error: ProblemsApiError): void;
};

export function ReviewStep({ input, pages, titles, canRun, onProblems }: Props) {
  const run = useMutation({ mutationFn: dryRun, onError: (e) => e instanceof ProblemsApiError && e.problems.some((p) => p.field) && onProblems(e) });
  const { mutate } = run;
  // One dry run per visit of the review step (the input only changes by going back to a form page).
  useEffect(() => {
    if (canRun) mutate(input);
  }, [canRun, input, mutate]);
  return (
    <Stack gap="md">
      <ReviewValues pages={pages} titles={titles} values={input.values} />
      <Card withBorder padding="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>Preview (dry run)</Title>
          {run.isPending ? <Group gap={6}><Loader size="xs" /><Text size="sm" c="dimmed">Running the template without side effects…</Text></Group> : null}
        </Group>
        {!canRun ? <Alert color="gray" variant="light">Sign in as someone allowed to run templates to see the preview.</Alert> : null}
        {run.error ? <ErrorState error={run.error} title="The dry run failed" /> : null}
        {run.data ? <DryRunPreview result={run.data} /> : null}
      </Card>
    </Stack>
  );
}
