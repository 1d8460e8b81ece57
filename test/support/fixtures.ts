import { TEST_DATA_ENCRYPTION_KEY } from './test-env';
import { maskBankNumber, maskIdNumber, PiiCipher } from '@wage/crypto';

/**
 * Small builder of dataset rows for rule, scan and workflow tests. Personal data is
 * sealed and indexed with the test key (the key a test app boots with, see test-env), so rows
 * written here join exactly like imported ones. Money is given in yuan (number or
 * "123.45") and stored as integer fen.
 */
export const devCipher = new PiiCipher(TEST_DATA_ENCRYPTION_KEY);

/** Anything with `query(sql, params)`: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** A syntactically plausible 18-character ID number, distinct for each n. */
export const idNumber = (n: number): string => `420106${String(n).padStart(11, '0')}X`;

/** The blind index of an ID number (what workers/attendance/payroll join on). */
export const idHash = (id: string): Buffer => devCipher.blindIndex(id);

/** Watchlist subject_key of a person: hex of the blind index. */
export const personKey = (id: string): string => idHash(id).toString('hex');

/** yuan (12345.6 or "12345.60") → integer fen, without floating-point rounding surprises. */
export function fen(yuan: number | string): number {
  const [int, dec = ''] = String(yuan).split('.');
  const sign = int.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(int)) * 100 + Number((dec + '00').slice(0, 2)));
}

export interface ProjectFixture {
  code: string;
  name?: string;
  region?: string;
  industry?: string;
  status?: string;
  contractYuan?: number | string;
  signedOn?: string;
  startedOn?: string | null;
  plannedEndOn?: string | null;
  noticeBoard?: boolean;
  generalContractor?: string;
}

export interface WorkerFixture {
  project: string;
  id: string;
  name?: string;
  employer?: string;
  teamLeaderId?: string | null;
  enteredOn?: string;
  exitedOn?: string | null;
  contractSigned?: boolean;
}

export interface PayrollFixture {
  project: string;
  id: string;
  period: string;
  payable: number | string;
  paid?: number | string;
  paidOn?: string | null;
  paidVia?: 'dedicated_account' | 'other_account' | 'cash';
}

export const DEFAULT_USCC = '91420100MA4K000002';

export function fixtures(db: Queryable) {
  let seq = 0;
  const next = (): number => ++seq;
  return {
    async project(p: ProjectFixture): Promise<void> {
      await db.query(
        `INSERT INTO projects (project_code, name, region_code, industry, construction_unit_uscc, general_contractor_uscc,
                               contract_amount_fen, contract_signed_on, started_on, planned_end_on, status, notice_board_posted)
         VALUES ($1, $2, $3, $4, '91420100MA4K000001', $5, $6, $7, $8, $9, $10, $11)`,
        [p.code, p.name ?? `项目 ${p.code}`, p.region ?? '420106', p.industry ?? 'housing', p.generalContractor ?? DEFAULT_USCC,
          fen(p.contractYuan ?? 1_000_000), p.signedOn ?? '2025-01-10', p.startedOn === undefined ? '2025-02-01' : p.startedOn,
          p.plannedEndOn === undefined ? '2027-12-31' : p.plannedEndOn, p.status ?? 'in_progress', p.noticeBoard ?? true],
      );
    },
    async worker(w: WorkerFixture): Promise<void> {
      const leader = w.teamLeaderId ?? null;
      await db.query(
        `INSERT INTO workers (project_code, id_hash, id_enc, id_masked, name, employer_uscc, team_leader_id_hash,
                              team_leader_id_enc, team_leader_id_masked, entered_on, exited_on, contract_signed,
                              bank_card_enc, bank_card_masked)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [w.project, idHash(w.id), devCipher.encrypt(w.id), maskIdNumber(w.id), w.name ?? `工人${next()}`, w.employer ?? DEFAULT_USCC,
          leader && idHash(leader), leader && devCipher.encrypt(leader), leader && maskIdNumber(leader),
          w.enteredOn ?? '2025-02-01', w.exitedOn ?? null, w.contractSigned ?? true,
          devCipher.encrypt('6222020200001234567'), maskBankNumber('6222020200001234567')],
      );
    },
    async attendance(a: { project: string; id: string; period: string; days: number }): Promise<void> {
      await db.query(
        `INSERT INTO attendance (project_code, id_hash, period, id_enc, id_masked, days_worked) VALUES ($1, $2, $3, $4, $5, $6)`,
        [a.project, idHash(a.id), a.period, devCipher.encrypt(a.id), maskIdNumber(a.id), a.days],
      );
    },
    async payroll(r: PayrollFixture): Promise<void> {
      const paid = r.paid ?? 0;
      await db.query(
        `INSERT INTO payroll (project_code, id_hash, period, id_enc, id_masked, payable_fen, paid_fen, paid_on, paid_via)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [r.project, idHash(r.id), r.period, devCipher.encrypt(r.id), maskIdNumber(r.id), fen(r.payable), fen(paid),
          r.paidOn === undefined ? (fen(paid) > 0 ? r.period.slice(0, 8) + '28' : null) : r.paidOn, r.paidVia ?? 'dedicated_account'],
      );
    },
    async allocation(a: { project: string; paidOn: string; amount: number | string; txnRef?: string }): Promise<void> {
      await db.query(
        `INSERT INTO labor_cost_allocations (project_code, txn_ref, paid_on, amount_fen) VALUES ($1, $2, $3, $4)`,
        [a.project, a.txnRef ?? `TXN-${a.project}-${next()}`, a.paidOn, fen(a.amount)],
      );
    },
    async wageAccount(a: { project: string; openedOn: string; filedOn?: string | null; number?: string }): Promise<void> {
      const number = a.number ?? `62220202${String(next()).padStart(11, '0')}`;
      await db.query(
        `INSERT INTO wage_accounts (project_code, bank_name, account_number_enc, account_number_hash, account_number_masked, opened_on, filed_on)
         VALUES ($1, '中国工商银行', $2, $3, $4, $5, $6)`,
        [a.project, devCipher.encrypt(number), devCipher.blindIndex(number), maskBankNumber(number), a.openedOn, a.filedOn ?? null],
      );
    },
    async deposit(d: { project: string; amount: number | string; validFrom: string; validUntil?: string | null; contractor?: string; form?: string }): Promise<void> {
      await db.query(
        `INSERT INTO deposits (project_code, contractor_uscc, form, amount_fen, valid_from, valid_until) VALUES ($1, $2, $3, $4, $5, $6)`,
        [d.project, d.contractor ?? DEFAULT_USCC, d.form ?? 'bank_guarantee', fen(d.amount), d.validFrom, d.validUntil ?? null],
      );
    },
    async clue(c: { project: string; receivedOn: string; workers?: number; claimed?: number | string | null; id?: string }): Promise<void> {
      await db.query(
        `INSERT INTO clues (clue_id, received_on, source, region_code, project_code, workers_involved, amount_claimed_fen, summary)
         VALUES ($1, $2, 'hotline', '420106', $3, $4, $5, '拖欠工资')`,
        [c.id ?? `CLUE-${c.project}-${next()}`, c.receivedOn, c.project, c.workers ?? 1, c.claimed == null ? null : fen(c.claimed)],
      );
    },
    /** An enterprise (by USCC) or a person (by ID number) on a watchlist. */
    async watchlist(e: { uscc?: string; personId?: string; list: 'arrears_blacklist' | 'bad_team'; listedOn: string; expiresOn?: string | null }): Promise<void> {
      const person = e.personId !== undefined;
      await db.query(
        `INSERT INTO watchlist_entries (subject_type, subject_key, subject_id_enc, subject_display, list, listed_on, expires_on, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '拖欠农民工工资')`,
        [person ? 'person' : 'enterprise', person ? personKey(e.personId as string) : e.uscc, person ? devCipher.encrypt(e.personId as string) : null,
          person ? maskIdNumber(e.personId as string) : e.uscc, e.list, e.listedOn, e.expiresOn ?? null],
      );
    },
  };
}

export type Fixtures = ReturnType<typeof fixtures>;

let crewSeq = 5000;

/**
 * `count` registered workers of a project, each attending `days` in `period` and with
 * a payroll row (unless `payable` is null). Returns their ID numbers.
 */
export async function crew(
  fx: Fixtures,
  c: { project: string; period: string; count: number; days?: number; payable?: number | string | null; paid?: number | string; paidOn?: string | null; enteredOn?: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < c.count; i++) {
    const id = idNumber(++crewSeq);
    ids.push(id);
    await fx.worker({ project: c.project, id, enteredOn: c.enteredOn });
    await fx.attendance({ project: c.project, id, period: c.period, days: c.days ?? 22 });
    if (c.payable !== null) {
      await fx.payroll({ project: c.project, id, period: c.period, payable: c.payable ?? 3000, paid: c.paid ?? c.payable ?? 3000, paidOn: c.paidOn });
    }
  }
  return ids;
}

