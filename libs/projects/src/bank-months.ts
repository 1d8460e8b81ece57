import { DataSource } from 'typeorm';

/**
 * What the bank transferred out of a project's wage accounts, per wage month, for the
 * project page (rules.md "Bank reconciliation rules"): succeeded transfers only, by
 * their `period`; a transfer without one counts for the month of the payee's payroll
 * row it matches (closest paid_on within the profile's window, the earlier month on a
 * tie), else for the month it was made. null when the project has no bank data at all.
 */
export async function bankTransferredByMonth(ds: DataSource, projectCode: string): Promise<Map<string, number> | null> {
  const rows: Array<{ period: string | null; fen: number | null; has_feed: boolean }> = await ds.query(
    `WITH win AS (
       SELECT coalesce((SELECT (r.thresholds ->> 'bankMatchWindowDays')::int
                          FROM region_profiles r JOIN projects p ON p.project_code = $1
                         WHERE r.code = 'national' OR p.region_code LIKE r.code || '%'
                         ORDER BY r.code = 'national', length(r.code) DESC LIMIT 1), 3) AS days
     ), sums AS (
       SELECT to_char(coalesce(b.period, m.period, date_trunc('month', b.transferred_on)::date), 'YYYY-MM') AS period,
              sum(b.amount_fen)::bigint AS fen
         FROM bank_transfers b
         LEFT JOIN LATERAL (
           SELECT o.period FROM payroll o
            WHERE b.period IS NULL AND o.project_code = b.project_code AND o.id_hash = b.payee_id_hash AND o.paid_on IS NOT NULL
              AND abs(o.paid_on - b.transferred_on) <= (SELECT days FROM win)
            ORDER BY abs(o.paid_on - b.transferred_on), o.period LIMIT 1) m ON true
        WHERE b.project_code = $1 AND b.status = 'succeeded'
          AND EXISTS (SELECT 1 FROM wage_accounts a WHERE a.project_code = b.project_code AND a.account_number_hash = b.account_number_hash)
        GROUP BY 1
     )
     SELECT s.period, s.fen, true AS has_feed FROM sums s
     UNION ALL
     SELECT NULL, NULL, EXISTS (SELECT 1 FROM bank_transfers WHERE project_code = $1)`,
    [projectCode],
  );
  if (!rows.some((r) => r.has_feed)) return null;
  return new Map(rows.filter((r) => r.period !== null).map((r) => [r.period as string, Number(r.fen)]));
}
