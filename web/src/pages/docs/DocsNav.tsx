// The site's navigation (MkDocs `nav`), as a tree of links; sections without a page only group.
import { NavLink } from '@mantine/core';
import type { DocsNavItemDto } from '../../../../src/contracts/docs';

type Props = { items: DocsNavItemDto[]; active: string; hrefOf: (slug: string) => string; onOpen: (slug: string) => void };

const containsActive = (item: DocsNavItemDto, active: string): boolean =>
  item.slug === active || (item.children ?? []).some((c) => containsActive(c, active));

export function DocsNav({ items, active, hrefOf, onOpen }: Props) {
  return (
    <nav aria-label="Docs navigation">
      {items.map((item, i) => <Item key={`${item.title}-${i}`} item={item} active={active} hrefOf={hrefOf} onOpen={onOpen} />)}
    </nav>
  );
}

function Item({ item, active, hrefOf, onOpen }: { item: DocsNavItemDto } & Omit<Props, 'items'>) {
  const children = item.children ?? [];
  if (item.url) return <NavLink label={item.title} href={item.url} target="_blank" rel="noopener noreferrer" py={4} />;
  const slug = item.slug;
  return (
    <NavLink
      label={item.title}
      href={slug !== undefined ? hrefOf(slug) : undefined}
      active={slug !== undefined && slug === active}
      defaultOpened={containsActive(item, active)}
      py={4}
      onClick={(e) => {
        if (slug === undefined || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onOpen(slug);
      }}
    >
      {children.length > 0 ? children.map((c, i) => <Item key={`${c.title}-${i}`} item={c} active={active} hrefOf={hrefOf} onOpen={onOpen} />) : undefined}
    </NavLink>
  );
}
