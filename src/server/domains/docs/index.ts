export { createDocs, type Docs } from './docs.module';
