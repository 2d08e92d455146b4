export * from './checkSchema';
export * from './evaluateCheck';
export * from './levels';
export * from './ruleExpression';
