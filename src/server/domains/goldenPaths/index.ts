export { createGoldenPaths, type GoldenPaths } from './goldenPaths.module';
export type { GoldenPathsService } from './goldenPaths.service';
