// The catalog entity envelope, shaped after Backstage's Entity.schema.json and EntityMeta.schema.json.
// These are plain data types; validateEntity() is what proves an unknown value has this shape.

/** A JSON scalar. */
export type JsonPrimitive = string | number | boolean | null;

/** Any JSON value. */
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;

/** A JSON object. Keys may be absent (`undefined`), as with optional TypeScript properties. */
export type JsonObject = { [key: string]: JsonValue | undefined };

/** One external link of an entity (`metadata.links[]`). */
export type EntityLink = {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
};

/** Entity metadata. Only `name` is required; unknown extra keys are kept. */
export type EntityMeta = {
  name: string;
  namespace?: string;
  uid?: string;
  etag?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  [extra: string]: JsonValue | undefined;
};

/** A directed relation as stored on an entity: `{ type: 'ownedBy', targetRef: 'group:default/team-a' }`. */
export type EntityRelation = {
  type: string;
  targetRef: string;
};

/** A serialised error attached to a status item. */
export type EntityStatusError = {
  name: string;
  message: string;
  code?: string;
  stack?: string;
};

/** One status item, e.g. a processing error (`type: backstage.io/catalog-processing`). */
export type EntityStatusItem = {
  type: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  error?: EntityStatusError;
};

/** The read-only status of an entity, produced by the catalog. */
export type EntityStatus = {
  items?: EntityStatusItem[];
};

/** A catalog entity. `relations` and `status` are output-only: descriptors must not contain them. */
export type Entity = {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: JsonObject;
  relations?: EntityRelation[];
  status?: EntityStatus;
};

/** The three parts that identify an entity. */
export type CompoundEntityRef = {
  kind: string;
  namespace: string;
  name: string;
};
