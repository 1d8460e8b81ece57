/**
 * The development admin account, printed in the README on purpose so `npm start` on a
 * fresh clone can be logged into. It is created only when no user exists, and never in
 * production (ADMIN_USERNAME / ADMIN_PASSWORD are required there). Secrets are NOT
 * defaults: see dev-secrets.ts.
 */
export const DEV_ADMIN_USERNAME = 'admin';
export const DEV_ADMIN_PASSWORD = 'admin-dev-password';
