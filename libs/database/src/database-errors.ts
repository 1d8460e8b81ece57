/** Turns a driver error into one line an operator can act on, without leaking the password. */
export function describeDatabaseError(error: unknown, databaseUrl: string): string {
  const safeUrl = redactUrl(databaseUrl);
  const e = error as { code?: string; message?: string };
  const hints: Record<string, string> = {
    ECONNREFUSED: 'nothing listens there; is PostgreSQL running?',
    ENOTFOUND: 'the host name does not resolve',
    ETIMEDOUT: 'the connection timed out',
    '3D000': 'the database does not exist; create it (createdb) or fix the name',
    '28P01': 'the password was rejected',
    '28000': 'the role is not allowed to connect',
  };
  const hint = (e.code && hints[e.code]) || e.message || String(error);
  return `Cannot use PostgreSQL at ${safeUrl} (DATABASE_URL): ${hint}`;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}
