// Entity and location references with Backstage's exact parsing rules and error messages
// (packages/catalog-model/src/entity/ref.ts and location/helpers.ts), re-implemented.
import type { CompoundEntityRef, Entity } from './entity';

/** The namespace of entities that do not name one. */
export const DEFAULT_NAMESPACE = 'default';

/** Defaults applied to the parts a reference leaves out. */
export type EntityRefContext = {
  defaultKind?: string;
  defaultNamespace?: string;
};

/** The object form accepted by {@link parseEntityRef}; kind and namespace may be left to defaults. */
export type PartialEntityRef = {
  kind?: string;
  namespace?: string;
  name: string;
};

type RefParts = { kind?: string; namespace?: string; name: string };

function splitRefString(ref: string): RefParts {
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  // "ns/na:me" has no kind: a colon after the first slash belongs to the name.
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    throw new TypeError(`Entity reference "${ref}" was not on the form [<kind>:][<namespace>/]<name>`);
  }
  return { kind, namespace, name };
}

/**
 * Parses `[<kind>:][<namespace>/]<name>` (or the object form) into its three parts, filling in
 * `context.defaultKind` and `context.defaultNamespace` (itself defaulting to `default`).
 * Case is preserved; compare refs through {@link stringifyEntityRef}.
 *
 * @throws TypeError with Backstage's messages when a part is empty or the kind is missing.
 */
export function parseEntityRef(ref: string | PartialEntityRef, context?: EntityRefContext): CompoundEntityRef {
  if (!ref) throw new TypeError('Entity reference must not be empty');
  const defaultNamespace = context?.defaultNamespace || DEFAULT_NAMESPACE;
  const parts: RefParts = typeof ref === 'string' ? splitRefString(ref) : ref;
  const kind = parts.kind ?? context?.defaultKind;
  const namespace = parts.namespace ?? defaultNamespace;
  const name = parts.name;
  const textual = (): string => JSON.stringify(ref);
  if (!kind) {
    throw new TypeError(
      `Entity reference ${textual()} had missing or empty kind (e.g. did not start with "component:" or similar)`,
    );
  }
  if (!namespace) throw new TypeError(`Entity reference ${textual()} had missing or empty namespace`);
  if (!name) throw new TypeError(`Entity reference ${textual()} had missing or empty name`);
  return { kind, namespace, name };
}

/**
 * The canonical, lowercased `kind:namespace/name` form of a reference or an entity; a missing
 * namespace counts as `default`.
 */
export function stringifyEntityRef(ref: CompoundEntityRef | Entity): string {
  const isEntity = 'metadata' in ref;
  const kind = ref.kind;
  const namespace = (isEntity ? ref.metadata.namespace : ref.namespace) ?? DEFAULT_NAMESPACE;
  const name = isEntity ? ref.metadata.name : ref.name;
  return `${kind.toLowerCase()}:${namespace.toLowerCase()}/${name.toLowerCase()}`;
}

/** The canonical lowercased ref of an entity (same as {@link stringifyEntityRef} on the entity). */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity);
}

/** The compound (case-preserving) ref of an entity, with the namespace defaulted. */
export function compoundRefOf(entity: Entity): CompoundEntityRef {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace || DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  };
}

/** A location: where entities are read from, e.g. `{ type: 'url', target: 'https://…/catalog-info.yaml' }`. */
export type LocationRef = { type: string; target: string };

// Matches "javascript:" even when obfuscated with leading control characters or embedded tabs/newlines.
// eslint-disable-next-line no-control-regex
const SCRIPT_PROTOCOL = /^[\u0000-\u001F ]*j[\r\n\t]*a[\r\n\t]*v[\r\n\t]*a[\r\n\t]*s[\r\n\t]*c[\r\n\t]*r[\r\n\t]*i[\r\n\t]*p[\r\n\t]*t[\r\n\t]*:/i;

/**
 * Parses `<type>:<target>`; the target may itself contain `:` (`url:https://x`).
 *
 * @throws TypeError when the type or target is empty, the type is `http(s)` (a bare URL), or the
 * target is a `javascript:` URL.
 */
export function parseLocationRef(ref: string): LocationRef {
  if (typeof ref !== 'string') {
    throw new TypeError(`Unable to parse location ref '${String(ref)}', unexpected argument ${typeof ref}`);
  }
  const split = ref.indexOf(':');
  const type = split < 0 ? '' : ref.slice(0, split).trim();
  const target = split < 0 ? '' : ref.slice(split + 1).trim();
  if (!type || !target) {
    throw new TypeError(`Unable to parse location ref '${ref}', expected '<type>:<target>', e.g. 'url:https://host/path'`);
  }
  if (type === 'http' || type === 'https') {
    throw new TypeError(`Invalid location ref '${ref}', please prefix it with 'url:', e.g. 'url:${ref}'`);
  }
  if (SCRIPT_PROTOCOL.test(target)) throw new TypeError(`Invalid location ref '${ref}', target is a javascript: URL`);
  return { type, target };
}

/**
 * Formats a location as `<type>:<target>`.
 *
 * @throws TypeError when the type or target is empty or the target is a `javascript:` URL.
 */
export function stringifyLocationRef(ref: LocationRef): string {
  const { type, target } = ref;
  if (!type) throw new TypeError('Unable to stringify location ref, empty type');
  if (!target) throw new TypeError('Unable to stringify location ref, empty target');
  if (SCRIPT_PROTOCOL.test(target)) {
    throw new TypeError(`Invalid location ref '${type}:${target}', target is a javascript: URL`);
  }
  return `${type}:${target}`;
}
