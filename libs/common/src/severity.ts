/** Values stored in the database and used by the API (rules.md, workflow.md): never rename. */
export const SEVERITIES = ['red', 'orange', 'yellow'] as const;
export type Severity = (typeof SEVERITIES)[number];
