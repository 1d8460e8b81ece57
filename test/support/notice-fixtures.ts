import { DataSource } from 'typeorm';
import { NoticeDeadlineService } from '@wage/notices';
import { TestApp } from './test-app';

interface AlertSpec {
  project: string;
  rule: string;
  severity: 'red' | 'orange' | 'yellow';
  joint: boolean;
  /** Business date (Asia/Shanghai) the alert was first seen. */
  firstSeen: string;
  status?: string;
  unitCode?: string;
  evidence?: Record<string, unknown>;
}

/**
 * Reference data and alerts for the notices e2e tests, written straight into the tables
 * (the scans and routing that normally make them are tested elsewhere).
 */
export function noticeFixtures(db: DataSource) {
  let n = 0;
  const alert = async (a: AlertSpec): Promise<number> => {
    n++;
    const [{ id }] = await db.query<Array<{ id: number }>>(
      `INSERT INTO alerts (fingerprint, project_code, rule, severity, status, joint, evidence, rule_version,
                           first_seen_at, last_seen_at, unit_code, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, ($8::date + time '10:00') AT TIME ZONE 'Asia/Shanghai', now(), $9, 1)
       RETURNING id::int AS id`,
      [`${a.project}|${a.rule}|fx${n}`, a.project, a.rule, a.severity, a.status ?? 'open', a.joint,
        JSON.stringify(a.evidence ?? { shortfall: '1000.00' }), a.firstSeen, a.unitCode ?? null],
    );
    return id;
  };
  const alerts: Record<string, number> = {};

  return {
    alerts,
    alert,
    async seed(): Promise<void> {
      await db.query(
        `INSERT INTO industry_bureaus (bureau_code, name, region_code, industries, webhook_url) VALUES
           ('ZJ-420101', '某区住房和城乡建设局', '420101', '{housing}', 'http://127.0.0.1:9/hook'),
           ('SW-420101', '某区水务局', '420101', '{water}', 'http://127.0.0.1:9/hook'),
           ('ZJ-420102', '另一区住房和城乡建设局', '420102', '{housing}', 'http://127.0.0.1:9/hook'),
           ('SZ-420102', '另一区市政管理局', '420102', '{municipal}', 'http://127.0.0.1:9/hook')`,
      );
      await db.query(
        `INSERT INTO inspection_units (unit_code, name, kind, region_code, parent_unit_code) VALUES
           ('BRIGADE-1', '某区劳动保障监察大队', 'brigade', '420101', NULL),
           ('TEAM-1', '某街道中队', 'team', '420101', 'BRIGADE-1')`,
      );
      const project = (code: string, name: string, region: string, industry: string) =>
        db.query(
          `INSERT INTO projects (project_code, name, region_code, industry, construction_unit_uscc, general_contractor_uscc,
                                 contract_amount_fen, contract_signed_on, status)
           VALUES ($1, $2, $3, $4, '91420100MA4K000001', '91420100MA4K000002', 500000000, '2025-06-01', 'in_progress')`,
          [code, name, region, industry],
        );
      await project('P-HOUSING', '某小区<script>alert(1)</script>住宅项目', '420101', 'housing');
      await project('P-MUNICIPAL', '某路市政道路工程', '420101', 'municipal');
      await project('P-WATER', '某河道整治工程', '420101', 'water');
      await project('P-MUNI-2', '另一区市政管网工程', '420102', 'municipal');
      await project('P-TRANSPORT', '某公路工程', '420103', 'transport');

      const workers = [{ name: '张三', idNumber: '420101199001011234' }];
      alerts.deposit = await alert({ project: 'P-HOUSING', rule: 'DEPOSIT_MISSING', severity: 'orange', joint: true, firstSeen: '2026-03-12', evidence: { requiredYuan: '50000.00', workers } });
      alerts.redOld = await alert({ project: 'P-HOUSING', rule: 'PAY_RATIO_LOW', severity: 'red', joint: false, firstSeen: '2026-03-05' });
      alerts.redFive = await alert({ project: 'P-HOUSING', rule: 'UNPAID_WORKERS', severity: 'red', joint: false, firstSeen: '2026-03-06' });
      alerts.yellow = await alert({ project: 'P-HOUSING', rule: 'NOTICE_BOARD_MISSING', severity: 'yellow', joint: false, firstSeen: '2026-01-05' });
      alerts.resolvedJoint = await alert({ project: 'P-HOUSING', rule: 'ACCOUNT_NOT_FILED', severity: 'yellow', joint: true, firstSeen: '2026-03-02', status: 'resolved' });
      alerts.municipal = await alert({ project: 'P-MUNICIPAL', rule: 'ACCOUNT_MISSING', severity: 'red', joint: true, firstSeen: '2026-03-12' });
      alerts.water = await alert({ project: 'P-WATER', rule: 'LABOR_COST_SHORT', severity: 'orange', joint: true, firstSeen: '2026-03-10', unitCode: 'TEAM-1' });
      alerts.municipalOwnBureau = await alert({ project: 'P-MUNI-2', rule: 'ACCOUNT_MISSING', severity: 'red', joint: true, firstSeen: '2026-03-10' });
      alerts.noBureau = await alert({ project: 'P-TRANSPORT', rule: 'ACCOUNT_MISSING', severity: 'red', joint: true, firstSeen: '2026-03-01' });
    },
    async runDeadlineCheck(t: TestApp): Promise<void> {
      await t.app.get(NoticeDeadlineService).check();
    },
    /** Outbox messages to a bureau for an event (payloads); bureaus here all have a webhook_url. */
    async outboxFor(bureauCode: string, event: string): Promise<unknown[]> {
      const rows = await db.query<Array<{ payload: unknown }>>(
        `SELECT payload FROM outbox_messages WHERE receiver_type = 'bureau' AND receiver_code = $1 AND event = $2`,
        [bureauCode, event],
      );
      return rows.map((r) => r.payload);
    },
    async inAppCount(f: { bureauCode?: string; unitCode?: string; noticeId?: number }): Promise<number> {
      const [{ count }] = await db.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE ($1::text IS NULL OR u.bureau_code = $1) AND ($2::text IS NULL OR u.unit_code = $2)
           AND ($3::bigint IS NULL OR n.notice_id = $3)`,
        [f.bureauCode ?? null, f.unitCode ?? null, f.noticeId ?? null],
      );
      return count;
    },
  };
}
