export { createInitiatives, type Initiatives } from './initiatives.module';
export type { InitiativesService } from './initiatives.service';
