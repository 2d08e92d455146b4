export { createCatalog, type Catalog } from './catalog.module';
export type { EntityChecker, EntityProblem } from './catalog.checks';
