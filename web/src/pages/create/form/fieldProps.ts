// What every field renderer and field extension receives.
import type { ReactNode } from 'react';
import type { FormValues, JsonSchema, Ui } from './schema';

export type FieldProps = {
  /** Dotted path of the field (`owner`, `service.port`): its id, error key and `data-field`. */
  path: string;
  schema: JsonSchema;
  ui: Ui;
  label: string;
  description?: ReactNode;
  required: boolean;
  value: unknown;
  error?: string;
  onChange(value: unknown): void;
  /** Values of the whole form (some extensions read other fields). */
  formValues: FormValues;
};

export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Props every Mantine input takes the same way. */
export function common(p: FieldProps) {
  return {
    id: fieldId(p.path),
    label: p.label,
    description: p.description,
    error: p.error,
    withAsterisk: p.required,
    autoFocus: p.ui.autofocus,
    disabled: p.ui.disabled,
    readOnly: p.ui.readonly,
    placeholder: p.ui.placeholder,
  };
}

