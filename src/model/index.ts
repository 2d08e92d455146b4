// The pure catalog model of Paved: entity types, refs, validation, relations, descriptor parsing,
// placeholders and search rows. No I/O.
export * from './entity';
export * from './entityRef';
export * from './annotations';
export * from './formatError';
export * from './fieldFormat';
export * from './kinds';
export * from './goldenPath';
export * from './rules';
export * from './scorecard';
export * from './textDiff';
export * from './validateEntity';
export * from './relations';
export * from './descriptor';
export * from './placeholders';
export * from './searchRows';
