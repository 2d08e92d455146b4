// Route tree (code-based TanStack Router). Heavy pages load on demand.
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';
import { parseCatalogSearch } from './lib/catalogSearch';
import { parseSearch, stringifySearch } from './lib/urlSearch';
import { parseAuditSearch } from './pages/audit/auditSearch';
import { parseScorecardSearch } from './pages/scorecards/scorecardSearch';
import { parseSearchPageSearch } from './pages/search/searchPageSearch';
import { parseExemptionsSearch } from './pages/scorecards/exemptions/exemptionsSearch';

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

/** `page`: the docs page shown in the Docs tab (its slug). */
export type EntitySearch = { tab?: string; page?: string };

const entityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog/$namespace/$kind/$name',
  validateSearch: (raw: Record<string, unknown>): EntitySearch => ({
    ...(typeof raw.tab === 'string' && raw.tab ? { tab: raw.tab } : {}),
    ...(typeof raw.page === 'string' && raw.page ? { page: raw.page.slice(0, 2048) } : {}),
  }),
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

const goldenPathsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/golden-paths',
  component: lazyRouteComponent(() => import('./pages/goldenPaths/GoldenPathsPage'), 'GoldenPathsPage'),
});

const goldenPathRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/golden-paths/$namespace/$name',
  component: lazyRouteComponent(() => import('./pages/goldenPaths/GoldenPathPage'), 'GoldenPathPage'),
});

const docsIndexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/docs',
  component: lazyRouteComponent(() => import('./pages/docs/DocsIndexPage'), 'DocsIndexPage'),
});

// The links inside built docs pages point here (docsPagePath in src/contracts/docs.ts); the splat is the page slug.
const docsSiteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/docs/$namespace/$kind/$name/$',
  component: lazyRouteComponent(() => import('./pages/docs/DocsSitePage'), 'DocsSitePage'),
});

const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/search',
  validateSearch: parseSearchPageSearch,
  component: lazyRouteComponent(() => import('./pages/search/SearchPage'), 'SearchPage'),
});

const exemptionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/scorecards/exemptions',
  validateSearch: parseExemptionsSearch,
  component: lazyRouteComponent(() => import('./pages/scorecards/exemptions/ExemptionsPage'), 'ExemptionsPage'),
});

// The scaffolder UI: template gallery, wizard, task page and tasks list (pages/create).
const createIndexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/create',
  component: lazyRouteComponent(() => import('./pages/create/CreatePage'), 'CreatePage'),
});

const createTemplateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/create/templates/$namespace/$name',
  component: lazyRouteComponent(() => import('./pages/create/TemplateWizardPage'), 'TemplateWizardPage'),
});

const createTasksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/create/tasks',
  component: lazyRouteComponent(() => import('./pages/create/TasksPage'), 'TasksPage'),
});

const createTaskRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/create/tasks/$taskId',
  component: lazyRouteComponent(() => import('./pages/create/TaskPage'), 'TaskPage'),
});

// Scorecards (pages/scorecards): the overview and one scorecard with its entities list's filters in the URL.
const scorecardsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/scorecards',
  component: lazyRouteComponent(() => import('./pages/scorecards/ScorecardsPage'), 'ScorecardsPage'),
});

const scorecardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/scorecards/$namespace/$name',
  validateSearch: parseScorecardSearch,
  component: lazyRouteComponent(() => import('./pages/scorecards/ScorecardPage'), 'ScorecardPage'),
});

const initiativesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/initiatives',
  component: lazyRouteComponent(() => import('./pages/initiatives/InitiativesPage'), 'InitiativesPage'),
});

const initiativeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/initiatives/$name',
  component: lazyRouteComponent(() => import('./pages/initiatives/InitiativePage'), 'InitiativePage'),
});

// Scorecard editor (pages/scorecards/editor, ADR 0031).
const scorecardNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/scorecards/new',
  component: lazyRouteComponent(() => import('./pages/scorecards/editor/ScorecardEditorPage'), 'NewScorecardPage'),
});

const scorecardEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/scorecards/$namespace/$name/edit',
  component: lazyRouteComponent(() => import('./pages/scorecards/editor/ScorecardEditorPage'), 'EditScorecardPage'),
});

const routeTree = rootRoute.addChildren([
  createIndexRoute, createTemplateRoute, createTasksRoute, createTaskRoute,
  indexRoute, catalogRoute, apisRoute, entityRoute, healthRoute, importRoute, locationsRoute, auditRoute,
  goldenPathsRoute, goldenPathRoute,
  docsIndexRoute, docsSiteRoute, searchRoute,
  exemptionsRoute,
  scorecardsRoute, scorecardRoute,
  initiativesRoute, initiativeRoute,
  scorecardNewRoute, scorecardEditRoute,
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
