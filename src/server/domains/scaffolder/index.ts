export { createScaffolder, type Scaffolder } from './scaffolder.module';
export type { ScaffolderService } from './scaffolder.service';
