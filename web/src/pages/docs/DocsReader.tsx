// A docs site inside the UI: nav on the left, the page in the middle, its table of contents on the
// right. Links between pages stay in the UI (`onOpen`); the page HTML comes from the server.
import { useEffect, useRef, type MouseEvent } from 'react';
import { Alert, Box, Button, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { docsPagePath } from '../../../../src/contracts/docs';
import { ErrorState } from '../../components/ErrorState';
import { DocsNav } from './DocsNav';
import { useBuildDocs, useDocsPage, useDocsSite, type DocsRef } from './docsApi';
import './docsContent.css';

type Props = {
  docsRef: DocsRef;
  slug: string;
  anchor?: string;
  /** Opens another page (and section) of the same site. */
  onOpen: (slug: string, anchor?: string) => void;
};

export function DocsReader({ docsRef, slug, anchor, onOpen }: Props) {
  const site = useDocsSite(docsRef);
  const page = useDocsPage(docsRef, slug, site.isSuccess);
  const build = useBuildDocs(docsRef);
  const content = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!page.data || page.isPlaceholderData) return;
    const target = anchor ? document.getElementById(anchor) : null;
    if (target) target.scrollIntoView({ block: 'start' });
    else window.scrollTo({ top: 0 });
  }, [page.data, page.isPlaceholderData, anchor]);

  if (site.isLoading) return <Loader size="sm" />;
  if (site.error || !site.data) {
    return <ErrorState error={site.error} title="No docs for this entity yet" />;
  }
  const s = site.data;

  // Links to pages of this site carry data-docs-slug (see sanitizeDocsHtml.ts): open them in place.
  const onContentClick = (e: MouseEvent<HTMLDivElement>) => {
    const link = (e.target as HTMLElement).closest('a');
    if (!link || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    const target = link.getAttribute('data-docs-slug');
    if (target === null) return;
    e.preventDefault();
    onOpen(target, link.getAttribute('data-docs-anchor') ?? undefined);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed">
          {s.title} · {s.pageCount} {s.pageCount === 1 ? 'page' : 'pages'} · built {s.builtAt ? new Date(s.builtAt).toLocaleString() : 'never'}
        </Text>
        {s.allowedActions.includes('build') ? (
          <Button size="xs" variant="default" loading={build.isPending} onClick={() => build.mutate()}>
            Rebuild docs
          </Button>
        ) : null}
      </Group>
      {s.errors.length > 0 ? (
        <Alert color="orange" variant="light" title={`${s.errors.length} build ${s.errors.length === 1 ? 'problem' : 'problems'}`} data-testid="docs-errors">
          <Stack gap={2}>
            {s.errors.slice(0, 20).map((e, i) => (
              <Text key={i} size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>
                {e.file}{e.line ? `:${e.line}` : ''}: {e.message}
              </Text>
            ))}
            {s.errors.length > 20 ? <Text size="xs" c="dimmed">and {s.errors.length - 20} more</Text> : null}
          </Stack>
        </Alert>
      ) : null}
      <Group align="flex-start" wrap="nowrap" gap="lg">
        <Box w={220} miw={220} visibleFrom="sm" style={{ position: 'sticky', top: 64 }}>
          <ScrollArea.Autosize mah="calc(100vh - 90px)">
            <DocsNav items={s.nav} active={slug} hrefOf={(target) => docsPagePath(docsRef, target)} onOpen={(target) => onOpen(target)} />
          </ScrollArea.Autosize>
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          {page.error ? <ErrorState error={page.error} title="Could not load this page" /> : null}
          {page.isLoading ? <Loader size="sm" /> : null}
          {page.data ? (
            <div
              ref={content}
              className="paved-docs"
              data-testid="docs-content"
              onClick={onContentClick}
              // The server sanitised this HTML when it built the site (sanitizeDocsHtml.ts: an allowlist of
              // tags, attributes and URL schemes; no scripts, styles or event handlers) — safe to inject.
              dangerouslySetInnerHTML={{ __html: page.data.html }}
            />
          ) : null}
        </Box>
        {page.data && page.data.headings.filter((h) => h.level > 1).length > 0 ? (
          <Box w={200} miw={200} visibleFrom="lg" style={{ position: 'sticky', top: 64 }} className="paved-docs-toc">
            <Title order={6} mb={6}>On this page</Title>
            <nav aria-label="Table of contents">
              {page.data.headings.filter((h) => h.level > 1 && h.level <= 3).map((h) => (
                <a key={h.id} href={`#${h.id}`} style={{ paddingLeft: (h.level - 2) * 12 }}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(slug, h.id);
                    document.getElementById(h.id)?.scrollIntoView({ block: 'start' });
                  }}>
                  {h.text}
                </a>
              ))}
            </nav>
          </Box>
        ) : null}
      </Group>
    </Stack>
  );
}
