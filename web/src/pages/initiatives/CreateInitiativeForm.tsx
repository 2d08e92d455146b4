// The create form (admins): a draft initiative over some rules (or a level) of a scorecard.
import { Alert, Button, Card, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useCreateInitiative } from './initiativeQueries';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export function CreateInitiativeForm({ onDone }: { onDone: () => void }) {
  const create = useCreateInitiative();
  const navigate = useNavigate();
  const [v, setV] = useState({ name: '', title: '', owner: '', scorecard: '', rules: '', level: '', startDate: day(0), targetDate: day(30), brief: '' });
  const field = (key: keyof typeof v) => ({ value: v[key], onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [key]: e.currentTarget.value }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const rules = v.rules.split(',').map((r) => r.trim()).filter(Boolean);
    create.mutate({
      name: v.name, title: v.title, owner: v.owner, scorecard: v.scorecard, startDate: v.startDate, targetDate: v.targetDate, brief: v.brief,
      ...(rules.length > 0 ? { rules } : {}), ...(v.level ? { level: v.level } : {}),
    }, {
      onSuccess: (d) => {
        onDone();
        void navigate({ to: '/initiatives/$name', params: { name: d.name } });
      },
    });
  };
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-label="New initiative">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Name" description="lowercase-with-dashes" required {...field('name')} />
          <TextInput label="Title" required {...field('title')} />
          <TextInput label="Owner" description="the team driving it, e.g. group:platform" required {...field('owner')} />
          <TextInput label="Scorecard" description="e.g. production-readiness" required {...field('scorecard')} />
          <TextInput label="Rules" description="comma-separated rule ids, or leave empty and give a level" {...field('rules')} />
          <TextInput label="Level" description="every rule of this level and below" {...field('level')} />
          <TextInput label="Start date" type="date" required {...field('startDate')} />
          <TextInput label="Target date" type="date" required {...field('targetDate')} />
        </SimpleGrid>
        <Textarea label="Brief" description="Markdown: why, and how to fix" autosize minRows={4} {...field('brief')} />
        {create.error ? <Alert color="red" variant="light" role="alert">{create.error.message}</Alert> : null}
        <Group justify="flex-end"><Button type="submit" loading={create.isPending}>Create draft</Button></Group>
      </Stack>
    </Card>
  );
}
