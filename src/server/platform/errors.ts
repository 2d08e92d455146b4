/**
 * Errors that map onto Backstage's error envelope and HTTP status codes
 * (InputError→400, NotAllowed→403, NotFound→404, Conflict→409). Messages must never contain secrets.
 */
export class PavedError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    override readonly name: string,
  ) {
    super(message);
  }
}
export class InputError extends PavedError {
  constructor(message: string) { super(message, 400, 'InputError'); }
}
export class AuthenticationError extends PavedError {
  constructor(message: string) { super(message, 401, 'AuthenticationError'); }
}
export class NotAllowedError extends PavedError {
  constructor(message: string) { super(message, 403, 'NotAllowedError'); }
}
export class NotFoundError extends PavedError {
  constructor(message: string) { super(message, 404, 'NotFoundError'); }
}
export class ConflictError extends PavedError {
  constructor(message: string) { super(message, 409, 'ConflictError'); }
}
