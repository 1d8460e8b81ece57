/**
 * Development-only defaults. They are printed in the README on purpose: they protect
 * nothing and exist so `npm start` works on a fresh clone. Production refuses to boot
 * without real values.
 */
export const DEV_ADMIN_USERNAME = 'admin';
export const DEV_ADMIN_PASSWORD = 'admin-dev-password';
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production-0000';
/** 32 zero-ish bytes; base64 of "wage-warning-dev-key-not-secret!" */
export const DEV_DATA_ENCRYPTION_KEY = Buffer.from('wage-warning-dev-key-not-secret!').toString('base64');
