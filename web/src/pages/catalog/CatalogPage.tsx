import { Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../components/PageHeader';
import { useAuth } from '../../auth/AuthProvider';
import { CatalogBrowser } from './CatalogBrowser';

export function CatalogPage() {
  const auth = useAuth();
  return (
    <>
      <PageHeader
        title="Software catalog"
        description="Every component, API, system, team and person your organisation has registered."
        actions={
          auth.can('catalog.location.create') ? (
            <Button component={Link} to="/catalog-import" variant="light" size="sm">
              Register existing component
            </Button>
          ) : null
        }
      />
      <CatalogBrowser path="/catalog" noun="entities" />
    </>
  );
}
