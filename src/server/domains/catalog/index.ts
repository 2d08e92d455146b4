export { createCatalog, type Catalog } from './catalog.module';
