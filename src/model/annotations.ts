// Well-known annotation keys (Backstage docs: well-known-annotations.md; constants in catalog-model).
// Values are documented next to each key where the format matters.

/** `<type>:<target>` of the location that manages the entity; added by the catalog. */
export const ANNOTATION_MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
/** Backstage's name for {@link ANNOTATION_MANAGED_BY_LOCATION}. */
export const ANNOTATION_LOCATION = ANNOTATION_MANAGED_BY_LOCATION;
/** `<type>:<target>` of the registered root location the entity was first discovered through. */
export const ANNOTATION_MANAGED_BY_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
/** Backstage's name for {@link ANNOTATION_MANAGED_BY_ORIGIN_LOCATION}. */
export const ANNOTATION_ORIGIN_LOCATION = ANNOTATION_MANAGED_BY_ORIGIN_LOCATION;
/** `"true"` when no location emits the entity any more; set by the catalog. */
export const ANNOTATION_ORPHAN = 'backstage.io/orphan';
/** Where TechDocs sources live: `dir:.` or `url:https://…`. */
export const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';
/** `url:<directory>/` of the entity's source; the trailing slash matters. */
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
/** A URL to view the descriptor in an external tool. */
export const ANNOTATION_VIEW_URL = 'backstage.io/view-url';
/** A URL to edit the descriptor in an external tool. */
export const ANNOTATION_EDIT_URL = 'backstage.io/edit-url';
/** The ref of the template that created the entity. */
export const ANNOTATION_SOURCE_TEMPLATE = 'backstage.io/source-template';
/** ISO-8601 duration a template saves per run, e.g. `PT2H`. */
export const ANNOTATION_TIME_SAVED = 'backstage.io/time-saved';
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR = 'backstage.io/kubernetes-label-selector';
export const ANNOTATION_KUBERNETES_API_SERVER = 'kubernetes.io/api-server';
export const ANNOTATION_KUBERNETES_API_SERVER_CA = 'kubernetes.io/api-server-certificate-authority';
export const ANNOTATION_KUBERNETES_AUTH_PROVIDER = 'kubernetes.io/auth-provider';
export const ANNOTATION_CODE_COVERAGE = 'backstage.io/code-coverage';
export const ANNOTATION_LDAP_RDN = 'backstage.io/ldap-rdn';
export const ANNOTATION_LDAP_UUID = 'backstage.io/ldap-uuid';
export const ANNOTATION_LDAP_DN = 'backstage.io/ldap-dn';
export const ANNOTATION_MSGRAPH_TENANT_ID = 'graph.microsoft.com/tenant-id';
export const ANNOTATION_MSGRAPH_GROUP_ID = 'graph.microsoft.com/group-id';
export const ANNOTATION_MSGRAPH_USER_ID = 'graph.microsoft.com/user-id';
/** `org/repo` on GitHub. */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';
export const ANNOTATION_GITHUB_TEAM_SLUG = 'github.com/team-slug';
export const ANNOTATION_GITHUB_USER_LOGIN = 'github.com/user-login';
export const ANNOTATION_JENKINS_JOB_FULL_NAME = 'jenkins.io/job-full-name';
export const ANNOTATION_GOCD_PIPELINES = 'gocd.org/pipelines';
export const ANNOTATION_SENTRY_PROJECT_SLUG = 'sentry.io/project-slug';
export const ANNOTATION_ROLLBAR_PROJECT_SLUG = 'rollbar.com/project-slug';
export const ANNOTATION_CIRCLECI_PROJECT_SLUG = 'circleci.com/project-slug';
export const ANNOTATION_SONARQUBE_PROJECT_KEY = 'sonarqube.org/project-key';
export const ANNOTATION_VAULT_SECRETS_PATH = 'vault.io/secrets-path';
export const ANNOTATION_PERISKOP_SERVICE_NAME = 'periskop.io/service-name';
/** @deprecated Use the GitHub project slug. */
export const ANNOTATION_GITHUB_ACTIONS_ID = 'backstage.io/github-actions-id';
/** @deprecated Use a `$text` placeholder in `spec.definition`. */
export const ANNOTATION_DEFINITION_AT_LOCATION = 'backstage.io/definition-at-location';
/** @deprecated Use {@link ANNOTATION_JENKINS_JOB_FULL_NAME}. */
export const ANNOTATION_JENKINS_GITHUB_FOLDER = 'jenkins.io/github-folder';
