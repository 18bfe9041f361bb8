/** The role every request runs as (SET LOCAL ROLE). Not the owner, not a superuser, no BYPASSRLS. */
export const APP_ROLE = process.env.CONCORD_APP_ROLE ?? 'concord_app';
/** The role that owns the schema objects. Nobody signs in as it at run time. */
export const OWNER_ROLE = 'concord_owner';
