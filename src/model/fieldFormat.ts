// The field format rules of Backstage's default validators (makeValidator() in catalog-model:
// KubernetesValidatorFunctions, CommonValidatorFunctions), re-implemented. Each rule carries the
// expectation text used in error messages.

/** A format rule: a predicate plus the human description of what it expects. */
export type FormatRule = {
  test: (value: unknown) => boolean;
  expected: string;
};

const isString = (v: unknown): v is string => typeof v === 'string';

function prefixAndOrSuffix(value: unknown, prefix: (p: string) => boolean, suffix: (s: string) => boolean): boolean {
  if (!isString(value)) return false;
  const parts = value.split('/');
  if (parts.length === 1) return suffix(value);
  if (parts.length === 2) return prefix(parts[0] ?? '') && suffix(parts[1] ?? '');
  return false;
}

/** RFC 1123 label: `[a-z0-9]` runs joined by dashes (several dashes in a row are allowed), 1–63 chars. */
export function isValidDnsLabel(value: unknown): boolean {
  return isString(value) && value.length >= 1 && value.length <= 63 && /^[a-z0-9]+(?:-+[a-z0-9]+)*$/.test(value);
}

/** RFC 1123 subdomain: dot-separated DNS labels, at most 253 chars. */
export function isValidDnsSubdomain(value: unknown): boolean {
  return isString(value) && value.length >= 1 && value.length <= 253 && value.split('.').every(isValidDnsLabel);
}

/** Kubernetes object name: `[A-Za-z0-9]` runs separated by any of `-_.`, 1–63 chars. */
export function isValidObjectName(value: unknown): boolean {
  return (
    isString(value) && value.length >= 1 && value.length <= 63 && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(value)
  );
}

const NAME_EXPECTATION = 'a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total';
const DNS_LABEL_EXPECTATION = 'a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total';
const KEY_EXPECTATION =
  'a key that is an optional DNS subdomain prefix and a "/", then a name of [a-zA-Z0-9] sequences separated by any of [-_.] (at most 63 characters)';

/** The default rule set of Backstage's FieldFormatEntityPolicy. */
export const FIELD_FORMATS = {
  apiVersion: {
    test: (v: unknown) =>
      prefixAndOrSuffix(v, isValidDnsSubdomain, (s) => s.length >= 1 && s.length <= 63 && /^[a-z0-9A-Z]+$/.test(s)),
    expected: 'a string that is an optional DNS subdomain prefix and a "/", then a version of [a-zA-Z0-9] (at most 63 characters)',
  },
  kind: {
    test: (v: unknown) => isString(v) && v.length >= 1 && v.length <= 63 && /^[a-zA-Z][a-z0-9A-Z]*$/.test(v),
    expected: 'a string that is a sequence of [a-zA-Z][a-z0-9A-Z], at most 63 characters in total',
  },
  name: { test: isValidObjectName, expected: NAME_EXPECTATION },
  namespace: { test: isValidDnsLabel, expected: DNS_LABEL_EXPECTATION },
  labelKey: { test: (v: unknown) => prefixAndOrSuffix(v, isValidDnsSubdomain, isValidObjectName), expected: KEY_EXPECTATION },
  labelValue: { test: (v: unknown) => v === '' || isValidObjectName(v), expected: `an empty string or ${NAME_EXPECTATION}` },
  annotationKey: { test: (v: unknown) => prefixAndOrSuffix(v, isValidDnsSubdomain, isValidObjectName), expected: KEY_EXPECTATION },
  annotationValue: { test: isString, expected: 'a string' },
  tag: {
    test: (v: unknown) => isString(v) && v.length >= 1 && v.length <= 63 && /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/.test(v),
    expected: 'a string that is sequences of [a-z0-9:+#] separated by [-], at most 63 characters in total',
  },
  url: {
    test: (v: unknown) => isString(v) && URL.canParse(v),
    expected: 'a string that is a valid absolute URL',
  },
  nonEmptyString: {
    test: (v: unknown) => isString(v) && v.trim().length >= 1,
    expected: 'a non empty string',
  },
} satisfies Record<string, FormatRule>;
