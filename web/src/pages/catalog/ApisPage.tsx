import { PageHeader } from '../../components/PageHeader';
import { CatalogBrowser } from './CatalogBrowser';

export function ApisPage() {
  return (
    <>
      <PageHeader title="APIs" description="Every API in the catalog, with its owner, system and lifecycle." />
      <CatalogBrowser
        path="/apis"
        noun="APIs"
        fixed={['kind=api']}
        hiddenFacets={['kind']}
        columns={['name', 'type', 'owner', 'system', 'lifecycle', 'tags', 'description']}
      />
    </>
  );
}
