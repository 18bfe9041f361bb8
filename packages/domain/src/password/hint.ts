/** The password rules' figures and the hint shown beside every field where a person chooses a password (no list here). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export const PASSWORD_HINT = `Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words together make a good password. Common passwords are refused.`;
