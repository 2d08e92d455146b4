export { createSecretBox, isSealed, keyIdOf, SecretError, type SecretBox } from './secretBox';
export { loadSecretKey, parseSecretKey, SECRET_KEY_FILE, type LoadedSecretKey } from './secretKey';
