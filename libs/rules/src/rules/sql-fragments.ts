/** SQL snippets shared by the rule statements. */

/** A payroll row's paid amount as of D ($4): counts only when paid_on is set and ≤ D. */
export const PAID_AS_OF = (alias: string): string => `CASE WHEN ${alias}.paid_on <= $4 THEN ${alias}.paid_fen ELSE 0 END`;

/** The month before P. */
export const PREVIOUS_PERIOD = `($5::date - interval '1 month')::date`;

/** Last day of P. */
export const PERIOD_END = `(($5::date + interval '1 month')::date - 1)`;

/** workers row of (project, id) `x` — name for evidence; null when not registered. */
export const JOIN_WORKER = (x: string): string =>
  `LEFT JOIN workers w ON w.project_code = ${x}.project_code AND w.id_hash = ${x}.id_hash`;

/**
 * A JSON array of up to 20 affected workers of project `h`, from a subquery `from`
 * whose rows expose `x` (the id_masked row) and `w` (workers, left-joined).
 */
export const WORKER_LIST = (from: string, fields: string, order: string): string => `(
  SELECT coalesce(jsonb_agg(l.o ORDER BY l.n), '[]'::jsonb) FROM (
    SELECT jsonb_build_object('name', w.name, 'idMasked', x.id_masked${fields ? ', ' + fields : ''}) AS o,
           row_number() OVER (ORDER BY ${order}, x.id_hash) AS n
      ${from}
     ORDER BY ${order}, x.id_hash
     LIMIT 20) l)`;

/** Aggregate: the first 20 of `obj` in `order`, as a JSON array (inside GROUP BY). */
export const FIRST_20 = (obj: string, order: string, filter = ''): string =>
  `coalesce(to_jsonb((array_agg(${obj} ORDER BY ${order})${filter ? ` FILTER (WHERE ${filter})` : ''})[1:20]), '[]'::jsonb)`;
