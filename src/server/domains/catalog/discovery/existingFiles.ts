import { parseDescriptor, stringifyEntityRef, validateEntity, type Entity } from '../../../../model';

/** Backstage's `AnalyzeLocationExistingEntity`. */
export type ExistingEntityFile = { entity: Entity; isRegistered: boolean; location: { type: string; target: string } };

/**
 * The valid entities of a descriptor found during discovery, each marked with whether the catalog
 * already has an entity of that ref. Invalid documents are left out: the response has no place for
 * errors, and registering the file reports them properly.
 */
export async function existingEntities(
  text: string,
  location: { type: string; target: string },
  isRegistered: (ref: string) => Promise<boolean>,
): Promise<ExistingEntityFile[]> {
  const parsed = parseDescriptor(text, { file: location.target });
  const out: ExistingEntityFile[] = [];
  for (const doc of parsed.documents) {
    const valid = validateEntity(doc.value);
    if (!valid.ok) continue;
    out.push({ entity: valid.entity, isRegistered: await isRegistered(stringifyEntityRef(valid.entity)), location });
  }
  return out;
}
