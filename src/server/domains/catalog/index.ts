export { createCatalog, type Catalog } from './catalog.module';
export type { EntityChecker, EntityProblem } from './catalog.checks';
/** The managed location (ADR 0031): other domains save entities authored through the API into it. */
export { deleteManagedDocument, managedDocumentKey, processManagedDocument, saveManagedDocument, sourceOfEntity } from './catalog.managed';
