/** Names shared by the jest global setup/teardown and test-env.ts. */
export const TEMPLATE_ENV = 'WAGE_TEST_TEMPLATE_DB';

/**
 * `TEST_TEMPLATE_DB=off` turns the template off: no template is built and every e2e file
 * migrates its own empty database, as before the template existed. For measuring what the
 * template saves (CONTRIBUTING.md "Test speed"), and for ruling it out when a test
 * behaves differently on a copied database.
 */
export function templateEnabled(): boolean {
  return process.env.TEST_TEMPLATE_DB !== 'off';
}

/** The server's maintenance database, from which databases are created and dropped. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrlFor(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
