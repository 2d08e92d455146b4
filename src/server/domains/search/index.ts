export { createSearch, type Search } from './search.module';
export type { DocsSection, SearchService } from './search.service';
