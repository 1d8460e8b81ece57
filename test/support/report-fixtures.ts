import { DataSource } from 'typeorm';
import { Clock } from '@wage/workflow';
import { intake } from './workflow-fixtures';
import { TestApp } from './test-app';

/** Instants written as Asia/Shanghai wall-clock times: at('2026-03-02 10:00'). */
export const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/**
 * Known activity for the report tests, written the way the service writes it: alerts
 * with their 'raised' event (as a scan's reconciliation does), routed by the real intake,
 * then worked through the HTTP workflow with the workflow clock set to the day.
 */
export function reportFixtures(t: TestApp) {
  const db = t.app.get(DataSource);
  const clock = t.app.get(Clock);
  let n = 0;

  const setClock = (when: Date): void => {
    clock.reset();
    clock.travel(when.getTime() - Date.now());
  };

  return {
    db,
    setClock,
    resetClock: () => clock.reset(),

    async seedReference(): Promise<void> {
      await db.query(`INSERT INTO inspection_units (unit_code, name, kind, region_code, street_codes, parent_unit_code) VALUES
        ('B1', '一区劳动保障监察大队', 'brigade', '420101', '{}', NULL),
        ('T1', '一区某街道中队', 'team', '420101', '{420101001}', 'B1'),
        ('B2', '二区劳动保障监察大队', 'brigade', '420102', '{}', NULL)`);
      await db.query(`INSERT INTO industry_bureaus (bureau_code, name, region_code, industries) VALUES
        ('ZJ-420101', '一区住房和城乡建设局', '420101', '{housing}'), ('ZJ-420102', '二区住房和城乡建设局', '420102', '{housing}')`);
      const project = (code: string, region: string, street: string | null, status: string, contractFen: number, signed: string, board: boolean) =>
        db.query(
          `INSERT INTO projects (project_code, name, region_code, street_code, industry, construction_unit_uscc, general_contractor_uscc,
                                 contract_amount_fen, contract_signed_on, started_on, status, notice_board_posted)
           VALUES ($1, $2, $3, $4, 'housing', '91420100MA4K000001', '91420100MA4K000002', $5, $6, $6, $7, $8)`,
          [code, `项目 ${code}`, region, street, contractFen, signed, status, board],
        );
      await project('P1', '420101', '420101001', 'in_progress', 500_000_000, '2025-01-10', true); // → T1
      await project('P2', '420101', null, 'in_progress', 100_000_000, '2025-01-10', true); // → B1, needs neither
      await project('P3', '420102', null, 'suspended', 800_000_000, '2025-06-01', true); // → B2
      await project('P4', '420102', null, 'completed', 800_000_000, '2025-06-01', false); // not monitored
      await project('P5', '429999', null, 'in_progress', 10_000, '2026-02-15', false); // unrouted
      const worker = (code: string, id: string) =>
        db.query(
          `INSERT INTO workers (project_code, id_hash, id_enc, id_masked, name, employer_uscc, entered_on)
           VALUES ($1, $2, '\\x00', '420101********0001', '张三', '91420100MA4K000002', '2025-03-01')`,
          [code, Buffer.from(id)],
        );
      await worker('P1', 'w1');
      await worker('P3', 'w3');
      await db.query(`INSERT INTO wage_accounts (project_code, bank_name, account_number_enc, account_number_hash, account_number_masked, opened_on)
                      VALUES ('P1', '某银行', '\\x00', '\\x01', '6222********0001', '2025-02-01')`);
      await db.query(`INSERT INTO deposits (project_code, contractor_uscc, form, amount_fen, valid_from) VALUES
        ('P1', '91420100MA4K000002', 'cash', 5000000, '2025-02-01'), ('P3', '91420100MA4K000002', 'cash', 4000000, '2025-07-01')`);
      const pay = (code: string, id: string, paidFen: number, paidOn: string, via: string) =>
        db.query(
          `INSERT INTO payroll (project_code, id_hash, period, id_enc, id_masked, payable_fen, paid_fen, paid_on, paid_via)
           VALUES ($1, $2, '2026-03-01', '\\x00', '420101********0001', $3, $3, $4, $5)`,
          [code, Buffer.from(id), paidFen, paidOn, via],
        );
      await pay('P1', 'w1', 300_000, '2026-03-31', 'dedicated_account');
      await pay('P3', 'w3', 100_000, '2026-03-25', 'cash');
    },

    /** An alert first raised at `when` with its 'raised' event, routed by the intake with the clock at `when`. */
    async raise(project: string, severity: 'red' | 'orange' | 'yellow', when: Date, rule = 'PAY_RATIO_LOW'): Promise<number> {
      n += 1;
      const [{ id }]: Array<{ id: number }> = await db.query(
        `INSERT INTO alerts (fingerprint, project_code, rule, severity, status, rule_version, first_seen_at, last_seen_at, version, evidence)
         VALUES ($1, $2, $3, $4, 'open', 1, $5, $5, 1, '{}') RETURNING id::int AS id`,
        [`${project}|${rule}|r${n}`, project, rule, severity, when],
      );
      await db.query(
        `INSERT INTO alert_events (alert_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status, data)
         VALUES ($1, $2, 'scan', '1', 'scan 1', 'raised', NULL, 'open', jsonb_build_object('severity', $3::text))`,
        [id, when, severity],
      );
      setClock(when);
      await intake(t, [id]);
      clock.reset();
      return id;
    },

    /** What a scan's reconciliation writes when the condition is gone. */
    async clear(id: number, when: Date): Promise<void> {
      await db.query(
        `INSERT INTO alert_events (alert_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status, note)
         SELECT id, $2, 'scan', '2', 'scan 2', 'cleared', status, 'cleared', 'condition no longer holds' FROM alerts WHERE id = $1`,
        [id, when],
      );
      await db.query(`UPDATE alerts SET status = 'cleared', cleared_at = $2, due_at = NULL WHERE id = $1`, [id, when]);
    },

    /** What an escalation timer writes when a deadline passes (its own time, not the wall clock's). */
    async escalate(id: number, when: Date): Promise<void> {
      await db.query(
        `INSERT INTO alert_events (alert_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status, data)
         SELECT id, $2, 'system', NULL, 'escalation', 'escalated', status, status, jsonb_build_object('level', escalation_level + 1)
           FROM alerts WHERE id = $1`,
        [id, when],
      );
      await db.query(`UPDATE alerts SET overdue = true, escalation_level = escalation_level + 1 WHERE id = $1`, [id]);
    },

    /** A joint notice as the daily grouping issues it, with its reply (or none). */
    async notice(bureau: string, issuedOn: string, replyDue: Date, repliedAt: Date | null, alertIds: number[]): Promise<void> {
      n += 1;
      const [{ id }]: Array<{ id: number }> = await db.query(
        `INSERT INTO notices (bureau_code, number, year, seq, issued_on, issuer_name, reply_due_at, status, replied_at, reply_text)
         VALUES ($1, $2, 2026, $3, $4, '劳动保障监察机构', $5, $6, $7, $8) RETURNING id::int AS id`,
        [bureau, `〔2026〕第${n}号`, n, issuedOn, replyDue, repliedAt ? 'replied' : 'sent', repliedAt, repliedAt ? '已处理' : null],
      );
      for (const alertId of alertIds) {
        await db.query(
          `INSERT INTO notice_items (notice_id, alert_id, project_code, rule, severity, requested_action)
           SELECT $1, a.id, a.project_code, a.rule, a.severity, '请督促整改' FROM alerts a WHERE a.id = $2`,
          [id, alertId],
        );
      }
    },
  };
}
