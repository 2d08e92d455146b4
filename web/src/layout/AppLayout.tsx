// The frame of every page: left navigation, header with search, colour scheme and actor.
import { AppShell, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { ActorMenu } from '../auth/ActorMenu';
import { useAuth } from '../auth/AuthProvider';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { HeaderSearch } from './HeaderSearch';
import { NavIcon, type NavIconName } from './NavIcon';

type NavItem = {
  to: '/create' | '/catalog' | '/apis' | '/catalog-health' | '/catalog-import' | '/locations' | '/audit' | '/golden-paths' | '/docs' | '/search' | '/scorecards'
    | '/scorecards/exemptions' | '/initiatives';
  label: string;
  icon: NavIconName;
  /** Shown only to actors with this permission. */
  permission?: string;
};

const NAV: NavItem[] = [
  { to: '/catalog', label: 'Catalog', icon: 'catalog' },
  { to: '/apis', label: 'APIs', icon: 'api' },
  { to: '/create', label: 'Create', icon: 'create' },
  { to: '/golden-paths', label: 'Golden paths', icon: 'paths' },
  { to: '/scorecards', label: 'Scorecards', icon: 'scores' },
  { to: '/scorecards/exemptions', label: 'Exemptions', icon: 'health' },
  { to: '/docs', label: 'Docs', icon: 'docs' },
  { to: '/search', label: 'Search', icon: 'search' },
  { to: '/initiatives', label: 'Initiatives', icon: 'health' },
  { to: '/catalog-health', label: 'Catalog health', icon: 'health' },
  { to: '/locations', label: 'Locations', icon: 'locations' },
  { to: '/catalog-import', label: 'Register', icon: 'plus' },
  { to: '/audit', label: 'Audit log', icon: 'audit', permission: 'audit.read' },
];

function isActive(pathname: string, to: NavItem['to']): boolean {
  if (to === '/catalog') return pathname === '/catalog' || (pathname.startsWith('/catalog/') && !pathname.startsWith('/catalog-'));
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const auth = useAuth();

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 216, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link to="/catalog" className="paved-brand" aria-label="Paved home" style={{ textDecoration: 'none' }}>
              <Group gap={8} wrap="nowrap">
                <NavIcon name="logo" size={22} />
                <Text fw={700} size="lg" c="var(--mantine-color-text)">
                  Paved
                </Text>
              </Group>
            </Link>
          </Group>
          <HeaderSearch />
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <ActorMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Main">
            {NAV.filter((item) => !item.permission || auth.can(item.permission)).map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                leftSection={<NavIcon name={item.icon} />}
                active={isActive(pathname, item.to)}
                onClick={close}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              />
            ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" py={4}>
            Press <kbd>/</kbd> to search
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
