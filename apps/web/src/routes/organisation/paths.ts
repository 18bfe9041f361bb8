/** Addresses of the provider organisation's public pages, kept apart from the pages so linking to them does not load them. */
export const ORGANISATION_INVITATION_PATH = '/organisation-invitation/:token';
export const REGISTER_ORGANISATION_PATH = '/register-organisation';
