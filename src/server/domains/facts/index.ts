export { createFacts, type Facts } from './facts.module';
export type { FactsService, FactSource, FactContext, StoredFact } from './facts.service';
