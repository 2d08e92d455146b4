// /docs/:namespace/:kind/:name/<page> — a docs site on its own page; the links inside built pages point here.
import { Breadcrumbs, Text } from '@mantine/core';
import { Link, useNavigate, useParams, useRouterState } from '@tanstack/react-router';
import { docsPagePath } from '../../../../src/contracts/docs';
import { PageHeader } from '../../components/PageHeader';
import { DocsReader } from './DocsReader';
import { useDocsSite } from './docsApi';

export function DocsSitePage() {
  const params = useParams({ from: '/docs/$namespace/$kind/$name/$' });
  const hash = useRouterState({ select: (s) => s.location.hash });
  const navigate = useNavigate();
  const docsRef = { namespace: params.namespace, kind: params.kind, name: params.name };
  const site = useDocsSite(docsRef);
  const slug = (params._splat ?? '').replace(/^\/+|\/+$/g, '');
  return (
    <>
      <Breadcrumbs separator="/" fz="sm" mb={6}>
        <Link to="/docs" className="paved-link">Docs</Link>
        <Link to="/catalog/$namespace/$kind/$name" params={{ namespace: params.namespace, kind: params.kind, name: params.name }} className="paved-link">
          {params.name}
        </Link>
      </Breadcrumbs>
      <PageHeader
        title={site.data?.title ?? params.name}
        description={
          <Text span size="sm">
            Docs of{' '}
            <Link to="/catalog/$namespace/$kind/$name" params={{ namespace: params.namespace, kind: params.kind, name: params.name }} className="paved-link">
              {`${params.kind}:${params.namespace}/${params.name}`}
            </Link>
          </Text>
        }
      />
      <DocsReader
        docsRef={docsRef}
        slug={slug}
        anchor={hash || undefined}
        onOpen={(target, anchor) => void navigate({ href: docsPagePath(docsRef, target, anchor) })}
      />
    </>
  );
}
