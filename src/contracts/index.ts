export * from './catalog';
export * from './audit';
export * from './auth';
export * from './docs';
export * from './goldenPaths';
export * from './scaffolder';
export * from './facts';
export * from './scorecards';
