export { createScaffolder, type Scaffolder } from './scaffolder.module';
