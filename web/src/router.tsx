// Route tree (code-based TanStack Router). Heavy pages load on demand.
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';
import { parseCatalogSearch } from './lib/catalogSearch';
import { parseSearch, stringifySearch } from './lib/urlSearch';
import { parseAuditSearch } from './pages/audit/auditSearch';

const rootRoute = createRootRoute({ component: AppLayout, notFoundComponent: NotFoundPage });

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/catalog' });
  },
});

const catalogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog',
  validateSearch: parseCatalogSearch,
  component: lazyRouteComponent(() => import('./pages/catalog/CatalogPage'), 'CatalogPage'),
});

const apisRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/apis',
  validateSearch: parseCatalogSearch,
  component: lazyRouteComponent(() => import('./pages/catalog/ApisPage'), 'ApisPage'),
});

export type EntitySearch = { tab?: string };

const entityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog/$namespace/$kind/$name',
  validateSearch: (raw: Record<string, unknown>): EntitySearch =>
    typeof raw.tab === 'string' && raw.tab ? { tab: raw.tab } : {},
  component: lazyRouteComponent(() => import('./pages/entity/EntityPage'), 'EntityPage'),
});

export type HealthSearch = { page?: number };

const healthRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog-health',
  validateSearch: (raw: Record<string, unknown>): HealthSearch => {
    const page = Number(raw.page);
    return Number.isInteger(page) && page > 1 ? { page } : {};
  },
  component: lazyRouteComponent(() => import('./pages/health/CatalogHealthPage'), 'CatalogHealthPage'),
});

const importRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog-import',
  component: lazyRouteComponent(() => import('./pages/import/CatalogImportPage'), 'CatalogImportPage'),
});

const locationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/locations',
  component: lazyRouteComponent(() => import('./pages/locations/LocationsPage'), 'LocationsPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  validateSearch: parseAuditSearch,
  component: lazyRouteComponent(() => import('./pages/audit/AuditPage'), 'AuditPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute, catalogRoute, apisRoute, entityRoute, healthRoute, importRoute, locationsRoute, auditRoute,
]);

export const router = createRouter({
  routeTree,
  parseSearch,
  stringifySearch,
  defaultPreload: 'intent',
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
