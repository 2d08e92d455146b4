// A link to an entity page from a ref string as written in a descriptor (`team-a`, `group:ns/x`).
import { Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { entityParams, shortRef, tryParseRef } from '../lib/entityRef';

type Props = {
  entityRef: string;
  defaultKind?: string;
  defaultNamespace?: string;
  /** Text to show instead of the short ref (e.g. a title). */
  label?: string;
  showKind?: boolean;
};

export function EntityRefLink({ entityRef, defaultKind, defaultNamespace, label, showKind }: Props) {
  const ref = tryParseRef(entityRef, defaultKind, defaultNamespace);
  if (!ref) {
    return (
      <Text span size="sm">
        {entityRef}
      </Text>
    );
  }
  return (
    <Link to="/catalog/$namespace/$kind/$name" params={entityParams(ref)} className="paved-link">
      {label ?? shortRef(ref, showKind)}
    </Link>
  );
}
