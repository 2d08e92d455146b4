export * from './catalog';
export * from './audit';
export * from './auth';
