// /create/templates/:namespace/:name — the template's parameter pages as a stepper (validated with the
// schema on Next), then the review with a dry run, then Create. Field problems the server reports
// (400) are put back under their fields, on the page that holds them.
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Stepper, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { createTask, getParameterSchema, ProblemsApiError, type ParameterSchema, type TaskInput } from '../../api/scaffolder';
import { useEntity } from '../../api/hooks';
import { useAuth } from '../../auth/AuthProvider';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { resolveSchema, visibleValues } from './form/conditional';
import { fieldId } from './form/fieldProps';
import { SchemaForm } from './form/SchemaForm';
import { asSchema, getPath, propertiesOf, pruneEmpty, secretFields, topField, withDefaults, type FieldErrors, type FormValues, type JsonSchema } from './form/schema';
import { isValid, validatePage } from './form/validate';
import { ReviewStep } from './ReviewStep';

export function TemplateWizardPage() {
  const { namespace, name } = useParams({ from: '/create/templates/$namespace/$name' });
  const schema = useQuery({
    queryKey: ['parameter-schema', namespace, name],
    queryFn: ({ signal }) => getParameterSchema(namespace, name, signal),
    staleTime: 60_000,
  });
  const entity = useEntity('template', namespace, name);
  const e = entity.data;
  return (
    <>
      <Anchor component={Link} to="/create" size="sm">← All templates</Anchor>
      <PageHeader
        title={schema.data?.title ?? e?.metadata.title ?? name}
        description={schema.data?.description ?? e?.metadata.description}
        actions={e?.spec?.owner && typeof e.spec.owner === 'string' ? (
          <Group gap={6}><Text size="xs" c="dimmed">Owner</Text><EntityRefLink entityRef={e.spec.owner} defaultKind="group" /></Group>
        ) : null}
      />
      {schema.error ? <ErrorState error={schema.error} title="Could not load the template" /> : null}
      {schema.isLoading ? <Loader size="sm" /> : null}
      {schema.data ? <Wizard key={`${namespace}/${name}`} templateRef={`template:${namespace}/${name}`} schema={schema.data} /> : null}
    </>
  );
}

function firstPageOf(pages: JsonSchema[], field: string): number {
  const top = topField(field);
  const i = pages.findIndex((p) => propertiesOf(p).some(([k]) => k === top));
  return i >= 0 ? i : pages.length - 1;
}

function Wizard({ templateRef, schema }: { templateRef: string; schema: ParameterSchema }) {
  const pages = useMemo(() => schema.steps.map((s) => asSchema(s.schema)), [schema]);
  const titles = schema.steps.map((s) => s.title);
  const secretKeys = useMemo(() => secretFields(pages), [pages]);
  const [values, setValues] = useState<FormValues>(() => pages.reduce<FormValues>((v, p) => withDefaults(p, v), {}));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [active, setActive] = useState(0);
  const [serverError, setServerError] = useState<string | null>(null);
  const auth = useAuth();
  const navigate = useNavigate();
  const review = active === pages.length;

  const canRun = auth.can('scaffolder.task.create');

  // Taken when entering the review step, so the dry run and Create use exactly what was reviewed.
  const [input, setInput] = useState<TaskInput | null>(() => (pages.length === 0 ? { templateRef, values: {} } : null));

  const showProblems = (err: ProblemsApiError) => {
    const next: FieldErrors = {};
    for (const p of err.problems) if (p.field && !p.field.startsWith('(')) next[p.field] ??= p.message.charAt(0).toUpperCase() + p.message.slice(1);
    const fields = Object.keys(next);
    if (fields.length === 0) return;
    setErrors(next);
    setServerError(`The server rejected ${fields.length === 1 ? 'a value' : `${fields.length} values`}: fix ${fields.join(', ')}.`);
    setActive(Math.min(...fields.map((f) => firstPageOf(pages, f))));
  };

  const create = useMutation({
    mutationFn: createTask,
    onSuccess: ({ id }) => void navigate({ to: '/create/tasks/$taskId', params: { taskId: id } }),
    onError: (err) => {
      if (err instanceof ProblemsApiError) showProblems(err);
    },
  });

  const onChange = (next: FormValues) => {
    // A field's problem goes away as soon as it is edited.
    const remaining = Object.fromEntries(Object.entries(errors).filter(([f]) =>
      JSON.stringify(getPath(next, [topField(f)])) === JSON.stringify(getPath(values, [topField(f)]))));
    // Fields that a change made appear start with their defaults, as in rjsf.
    setValues(pages.reduce<FormValues>((v, p) => withDefaults(resolveSchema(p, v, isValid), v), next));
    if (Object.keys(remaining).length !== Object.keys(errors).length) setErrors(remaining);
  };

  const onSecret = (key: string, value: string | undefined) =>
    setSecrets((s) => {
      const next = { ...s };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });

  const next = (ev?: FormEvent) => {
    ev?.preventDefault();
    const page = pages[active];
    if (!page) return;
    // Only what the pages show for these values is checked and sent: a dependent field whose trigger
    // no longer holds is dropped (rjsf's omitExtraData), its secret too.
    const shown = visibleValues(pages, values, isValid);
    const shownSecrets = Object.fromEntries(Object.entries(secrets).filter(([k]) => secretKeys.has(k) && shown[k] !== undefined));
    const pageErrors = validatePage(page, shown, shownSecrets);
    setErrors(pageErrors);
    // The first problem in the order the fields are shown.
    const order = propertiesOf(resolveSchema(page, shown, isValid)).map(([k]) => k);
    const rank = (f: string) => {
      const i = order.indexOf(topField(f));
      return i < 0 ? order.length : i;
    };
    const first = Object.keys(pageErrors).sort((a, b) => rank(a) - rank(b))[0];
    if (first) {
      // Move focus to the first field with a problem so keyboard and screen-reader users land on it.
      requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
      return;
    }
    setServerError(null);
    if (active + 1 === pages.length) {
      setInput({ templateRef, values: (pruneEmpty(shown) ?? {}) as FormValues, ...(Object.keys(shownSecrets).length > 0 ? { secrets: shownSecrets } : {}) });
    }
    setActive(active + 1);
  };

  const back = () => {
    setErrors({});
    setActive(Math.max(0, active - 1));
  };

  return (
    <Stack gap="md">
      <Stepper active={active} onStepClick={(i) => i < active && setActive(i)} allowNextStepsSelect={false} size="sm">
        {schema.steps.map((s, i) => <Stepper.Step key={i} label={s.title} description={s.description} />)}
        <Stepper.Step label="Review" description="Check and preview" />
      </Stepper>
      {serverError ? <Alert color="red" variant="light" role="alert" title="Not created">{serverError}</Alert> : null}
      {errors['(template)'] ? <Alert color="red" variant="light" role="alert">{errors['(template)']}</Alert> : null}
      {errors['(page)'] ? <Alert color="red" variant="light" role="alert">{errors['(page)']}</Alert> : null}
      {review && input ? (
        <>
          <ReviewStep input={input} pages={pages} titles={titles} canRun={canRun} onProblems={showProblems} />
          {create.error && !(create.error instanceof ProblemsApiError && create.error.problems.some((p) => p.field)) ? (
            <ErrorState error={create.error} title="Could not create" />
          ) : null}
          {!canRun ? (
            <Alert color="yellow" variant="light">{auth.me ? `${auth.me.actor.displayName} may not run templates.` : 'Sign in to run this template.'}</Alert>
          ) : null}
          <Group justify="space-between">
            <Button variant="default" onClick={back}>Back</Button>
            <Button onClick={() => create.mutate(input)} loading={create.isPending} disabled={!canRun} data-autofocus>Create</Button>
          </Group>
        </>
      ) : (
        <form onSubmit={next} noValidate aria-label={titles[active]}>
          <Card withBorder padding="lg">
            {schema.steps[active]?.description ? <Text size="sm" c="dimmed" mb="md">{schema.steps[active]?.description}</Text> : null}
            <SchemaForm key={active} schema={pages[active] ?? {}} values={values} errors={errors} secrets={secrets} onChange={onChange} onSecret={onSecret} />
          </Card>
          <Group justify="space-between" mt="md">
            <Button variant="default" onClick={back} disabled={active === 0}>Back</Button>
            <Group gap="xs">
              <Badge variant="light" color="gray">Step {active + 1} of {pages.length + 1}</Badge>
              <Button type="submit">{active === pages.length - 1 ? 'Review' : 'Next'}</Button>
            </Group>
          </Group>
        </form>
      )}
    </Stack>
  );
}
