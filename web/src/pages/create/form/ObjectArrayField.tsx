// A list of objects (`type: array` whose `items` have their own properties), as react-jsonschema-form
// shows it: each item's fields in a card with a Remove button, and an Add button, within minItems/maxItems.
import type { ReactNode } from 'react';
import { Button, Card, Fieldset, Group, Stack, Text } from '@mantine/core';
import { fieldId } from './fieldProps';
import { withDefaults, type JsonSchema } from './schema';

type Props = {
  /** The field's name (`members`), as problems name it. */
  path: string;
  schema: JsonSchema;
  items: JsonSchema;
  label: string;
  description?: string;
  required: boolean;
  error?: string;
  value: unknown;
  disabled: boolean;
  onChange(list: unknown[] | undefined): void;
  /** The fields of item `index`. */
  renderItem(index: number): ReactNode;
};

export function ObjectArrayField(p: Props) {
  const list = Array.isArray(p.value) ? p.value : [];
  const min = typeof p.schema.minItems === 'number' ? p.schema.minItems : 0;
  const max = typeof p.schema.maxItems === 'number' ? p.schema.maxItems : Number.POSITIVE_INFINITY;
  const itemTitle = typeof p.items.title === 'string' ? p.items.title : 'Item';
  const add = () => p.onChange([...list, withDefaults(p.items, {})]);
  const remove = (index: number) => {
    const next = list.filter((_, i) => i !== index);
    p.onChange(next.length > 0 ? next : undefined);
  };
  return (
    <Fieldset id={fieldId(p.path)} tabIndex={-1} data-field={p.path}
      legend={<>{p.label}{p.required ? <Text span c="red"> *</Text> : null}</>}>
      {p.description ? <Text size="sm" c="dimmed" mb="xs">{p.description}</Text> : null}
      <Stack gap="sm">
        {list.map((_, i) => (
          <Card key={i} withBorder padding="sm" role="group" aria-label={`${itemTitle} ${i + 1}`} data-array-item={i}>
            <Group justify="space-between" mb="xs">
              <Text size="sm" fw={600}>{itemTitle} {i + 1}</Text>
              <Button size="compact-xs" variant="subtle" color="red" aria-label={`Remove ${itemTitle.toLowerCase()} ${i + 1}`}
                onClick={() => remove(i)} disabled={p.disabled || list.length <= min}>Remove</Button>
            </Group>
            <Stack gap="sm">{p.renderItem(i)}</Stack>
          </Card>
        ))}
        <Group gap="sm">
          <Button variant="light" size="xs" onClick={add} disabled={p.disabled || list.length >= max}>Add {itemTitle.toLowerCase()}</Button>
          {Number.isFinite(max) ? <Text size="xs" c="dimmed">{list.length} of at most {max}</Text> : null}
          {min > 0 ? <Text size="xs" c="dimmed">at least {min}</Text> : null}
        </Group>
        {p.error ? <Text size="xs" c="red" role="alert">{p.error}</Text> : null}
      </Stack>
    </Fieldset>
  );
}
