// Renders one parameter page: each property of the page's object schema as a Mantine input chosen by its
// type, `enum`, `ui:widget` or `ui:field` (field extensions), with the description above, `ui:help`
// below and the field's problem under it. Each object is shown as its schema resolves for its current
// values (conditional.ts: dependencies, if/then/else, allOf); lists of objects are ObjectArrayField.
import { Checkbox, Fieldset, Group, MultiSelect, NumberInput, PasswordInput, Radio, Select, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { objectItems, resolveSchema } from './conditional';
import { FIELD_EXTENSIONS } from './fieldExtensions';
import { common, type FieldProps } from './fieldProps';
import { ObjectArrayField } from './ObjectArrayField';
import { enumOptions, fieldName, getPath, propertiesOf, requiredOf, setPath, typeOf, uiOf, type FieldErrors, type FieldPath, type FormValues, type JsonSchema } from './schema';
import { isValid } from './validate';

type Props = {
  schema: JsonSchema;
  values: FormValues;
  errors: FieldErrors;
  secrets: Record<string, string>;
  onChange(values: FormValues): void;
  onSecret(name: string, value: string | undefined): void;
};

export function SchemaForm({ schema, values, errors, secrets, onChange, onSecret }: Props) {
  return (
    <Stack gap="md">
      <Properties schema={schema} base={[]} values={values} errors={errors} secrets={secrets} onChange={onChange} onSecret={onSecret} />
    </Stack>
  );
}

function Properties({ schema, base, values, errors, secrets, onChange, onSecret }: Props & { base: FieldPath }) {
  const resolved = resolveSchema(schema, base.length > 0 ? getPath(values, base) : values, isValid);
  const required = requiredOf(resolved);
  return (
    <>
      {propertiesOf(resolved).map(([key, prop]) => {
        const path = [...base, key];
        const id = fieldName(path);
        const ui = uiOf(prop);
        if (ui.widget === 'hidden') return null;
        const label = typeof prop.title === 'string' ? prop.title : key;
        const description = typeof prop.description === 'string' ? prop.description : undefined;
        if (typeOf(prop) === 'object' && !ui.field) {
          return (
            <Fieldset key={id} legend={label} data-field={id}>
              {description ? <Text size="sm" c="dimmed" mb="xs">{description}</Text> : null}
              <Stack gap="md">
                <Properties schema={prop} base={path} values={values} errors={errors} secrets={secrets} onChange={onChange} onSecret={onSecret} />
              </Stack>
            </Fieldset>
          );
        }
        const items = typeOf(prop) === 'array' && !ui.field ? objectItems(prop) : undefined;
        if (items) {
          return (
            <ObjectArrayField key={id} path={id} schema={prop} items={items} label={label} description={description} required={required.includes(key)}
              error={errors[id]} value={getPath(values, path)} disabled={ui.disabled || ui.readonly} onChange={(list) => onChange(setPath(values, path, list))}
              renderItem={(i) => (
                <Properties schema={items} base={[...path, i]} values={values} errors={errors} secrets={secrets} onChange={onChange} onSecret={onSecret} />
              )} />
          );
        }
        const secret = ui.field === 'Secret' && base.length === 0;
        const field: FieldProps = {
          path: id,
          schema: prop,
          ui,
          label,
          description,
          required: required.includes(key),
          value: secret ? secrets[key] : getPath(values, path),
          error: errors[id],
          formValues: values,
          onChange: (v) => {
            if (secret) {
              // The value travels in `secrets`; the form keeps a mask so `required` and the review see it is set.
              const s = typeof v === 'string' && v !== '' ? v : undefined;
              onSecret(key, s);
              onChange(setPath(values, path, s === undefined ? undefined : '*'.repeat(s.length)));
            } else {
              onChange(setPath(values, path, v));
            }
          },
        };
        return (
          <div key={id} data-field={id}>
            <Field {...field} />
            {ui.help ? <Text size="xs" c="dimmed" mt={4}>{ui.help}</Text> : null}
          </div>
        );
      })}
    </>
  );
}

function Field(p: FieldProps) {
  const Extension = p.ui.field ? FIELD_EXTENSIONS[p.ui.field] : undefined;
  if (Extension) return <Extension {...p} />;
  const type = typeOf(p.schema);
  const options = enumOptions(p.schema);
  if (options) return <EnumField {...p} options={options} />;
  if (type === 'boolean') {
    const c = common(p);
    const Input = p.ui.widget === 'switch' ? Switch : Checkbox;
    return (
      <Input id={c.id} label={p.label} description={p.description} error={p.error} checked={p.value === true} disabled={c.disabled || c.readOnly}
        autoFocus={c.autoFocus} onChange={(e) => p.onChange(e.currentTarget.checked)} />
    );
  }
  if (type === 'number' || type === 'integer') {
    return (
      <NumberInput {...common(p)} value={typeof p.value === 'number' ? p.value : ''} allowDecimal={type === 'number'}
        min={typeof p.schema.minimum === 'number' ? p.schema.minimum : undefined}
        max={typeof p.schema.maximum === 'number' ? p.schema.maximum : undefined}
        onChange={(v) => p.onChange(typeof v === 'number' ? v : v === '' ? undefined : Number(v))} />
    );
  }
  if (type === 'array') return <ArrayField {...p} />;
  const text = typeof p.value === 'string' ? p.value : p.value === undefined ? '' : String(p.value);
  const maxLength = typeof p.schema.maxLength === 'number' ? p.schema.maxLength : undefined;
  if (p.ui.widget === 'textarea') {
    const rows = typeof p.ui.options.rows === 'number' ? p.ui.options.rows : 4;
    return <Textarea {...common(p)} value={text} minRows={rows} autosize maxRows={16} onChange={(e) => p.onChange(e.currentTarget.value)} />;
  }
  if (p.ui.widget === 'password') {
    return <PasswordInput {...common(p)} value={text} autoComplete="new-password" onChange={(e) => p.onChange(e.currentTarget.value)} />;
  }
  const inputType = p.schema.format === 'email' ? 'email' : p.schema.format === 'uri' ? 'url' : p.schema.format === 'date' ? 'date' : 'text';
  return (
    <TextInput {...common(p)} type={inputType} value={text} onChange={(e) => p.onChange(e.currentTarget.value)}
      rightSection={maxLength && text.length > maxLength * 0.8 ? <Text size="xs" c={text.length > maxLength ? 'red' : 'dimmed'}>{maxLength - text.length}</Text> : null} />
  );
}

function EnumField(p: FieldProps & { options: NonNullable<ReturnType<typeof enumOptions>> }) {
  const current = p.value === undefined ? null : JSON.stringify(p.value);
  const pick = (v: string | null) => p.onChange(v === null ? undefined : p.options.find((o) => o.value === v)?.raw);
  if (p.ui.widget === 'radio') {
    const c = common(p);
    return (
      <Radio.Group id={c.id} label={p.label} description={p.description} error={p.error} withAsterisk={p.required} value={current} onChange={pick}>
        <Group gap="md" mt={6}>
          {p.options.map((o) => <Radio key={o.value} value={o.value} label={o.label} disabled={c.disabled || c.readOnly} />)}
        </Group>
      </Radio.Group>
    );
  }
  return (
    <Select {...common(p)} data={p.options.map((o) => ({ value: o.value, label: o.label }))} value={current} onChange={pick}
      allowDeselect={!p.required} clearable={!p.required} searchable={p.options.length > 8} />
  );
}

function ArrayField(p: FieldProps) {
  const items = typeof p.schema.items === 'object' && p.schema.items !== null && !Array.isArray(p.schema.items) ? (p.schema.items as JsonSchema) : {};
  const options = enumOptions(items);
  const list = Array.isArray(p.value) ? p.value : [];
  if (options) {
    const selected = list.map((v) => JSON.stringify(v));
    const set = (vals: string[]) => p.onChange(vals.map((v) => options.find((o) => o.value === v)?.raw));
    if (p.ui.widget === 'checkboxes') {
      const c = common(p);
      return (
        <Checkbox.Group id={c.id} label={p.label} description={p.description} error={p.error} withAsterisk={p.required} value={selected} onChange={set}>
          <Group gap="md" mt={6}>
            {options.map((o) => <Checkbox key={o.value} value={o.value} label={o.label} disabled={c.disabled || c.readOnly} />)}
          </Group>
        </Checkbox.Group>
      );
    }
    return <MultiSelect {...common(p)} data={options.map((o) => ({ value: o.value, label: o.label }))} value={selected} onChange={set} searchable clearable />;
  }
  // Free-form list of strings (or numbers): one tag per item.
  const numeric = typeOf(items) === 'number' || typeOf(items) === 'integer';
  return (
    <TagsInput {...common(p)} value={list.map(String)} onChange={(vals) => p.onChange(numeric ? vals.map(Number) : vals)}
      placeholder={p.ui.placeholder ?? 'Type and press Enter'} />
  );
}
