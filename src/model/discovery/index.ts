export * from './repoView';
export * from './manifests';
export * from './names';
export * from './codeowners';
export * from './detect';
export * from './suggestComponent';
export * from './findRepositories';
