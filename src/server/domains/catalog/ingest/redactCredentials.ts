/**
 * Removes credentials from every `scheme://user:secret@host` in `text`, keeping the rest readable
 * (`https://***@git.example.com/shop.git`). Location targets may carry credentials; nothing that leaves
 * the server (responses, log lines, error messages, annotations) may.
 */
export function redactCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}
