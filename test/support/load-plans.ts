import { maskBankNumber, maskIdNumber } from '@wage/crypto';
import type { ProjectPlan } from '@wage/generator';
import { firstDayOf } from '../../libs/generator/src/dates';
import { devCipher, Queryable } from './fixtures';

const hex = (b: Buffer | null): string | null => (b ? b.toString('hex') : null);
const seal = (v: string): string => devCipher.encrypt(v).toString('hex');
const index = (v: string): string => devCipher.blindIndex(v).toString('hex');

async function insert(db: Queryable, table: string, columns: Record<string, string>, rows: Record<string, unknown>[]): Promise<void> {
  const names = Object.keys(columns);
  const decl = names.map((n) => `${n} ${columns[n].startsWith('bytea') ? 'text' : columns[n]}`).join(', ');
  const values = names.map((n) => (columns[n].startsWith('bytea') ? `decode(x.${n}, 'hex')` : `x.${n}`)).join(', ');
  for (let i = 0; i < rows.length; i += 5000) {
    await db.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${values} FROM jsonb_to_recordset($1::jsonb) AS x(${decl})`, [
      JSON.stringify(rows.slice(i, i + 5000)),
    ]);
  }
}

/**
 * Writes generated project plans (libs/generator) straight into the dataset tables, as
 * an import would leave them (sealed, indexed and masked with the development key), in
 * a few bulk statements. Enterprises, inspection units and bureaus are not written.
 */
export async function loadProjectPlans(db: Queryable, plans: ProjectPlan[]): Promise<void> {
  const text = 'text';
  await insert(
    db,
    'projects',
    { project_code: text, name: text, region_code: text, street_code: text, industry: text, construction_unit_uscc: text, general_contractor_uscc: text,
      contract_amount_fen: 'bigint', contract_signed_on: 'date', started_on: 'date', planned_end_on: 'date', status: text, notice_board_posted: 'boolean' },
    plans.map((p) => ({
      project_code: p.code, name: p.name, region_code: p.district.code, street_code: p.streetCode, industry: p.industry,
      construction_unit_uscc: p.developerUscc, general_contractor_uscc: p.contractorUscc, contract_amount_fen: p.contractFen,
      contract_signed_on: p.signedOn, started_on: p.startedOn, planned_end_on: p.plannedEndOn, status: p.status, notice_board_posted: p.noticeBoardPosted,
    })),
  );
  await insert(
    db,
    'workers',
    { project_code: text, id_hash: 'bytea', id_enc: 'bytea', id_masked: text, name: text, employer_uscc: text, team_name: text,
      team_leader_id_hash: 'bytea', team_leader_id_enc: 'bytea', team_leader_id_masked: text, trade: text, entered_on: 'date',
      exited_on: 'date', contract_signed: 'boolean', bank_card_enc: 'bytea', bank_card_masked: text },
    plans.flatMap((p) =>
      p.workers.map((w) => ({
        project_code: p.code, id_hash: index(w.idNumber), id_enc: seal(w.idNumber), id_masked: maskIdNumber(w.idNumber), name: w.name,
        employer_uscc: w.employerUscc, team_name: w.teamName, team_leader_id_hash: index(w.teamLeaderId), team_leader_id_enc: seal(w.teamLeaderId),
        team_leader_id_masked: maskIdNumber(w.teamLeaderId), trade: w.trade, entered_on: w.enteredOn, exited_on: w.exitedOn,
        contract_signed: w.contractSigned, bank_card_enc: seal(w.bankCard), bank_card_masked: maskBankNumber(w.bankCard),
      })),
    ),
  );
  const personal = { project_code: text, id_hash: 'bytea', id_enc: 'bytea', id_masked: text, period: 'date' };
  await insert(
    db,
    'attendance',
    { ...personal, days_worked: 'int' },
    plans.flatMap((p) =>
      p.attendance.map((a) => ({ project_code: p.code, id_hash: index(a.idNumber), id_enc: seal(a.idNumber), id_masked: maskIdNumber(a.idNumber), period: firstDayOf(a.month), days_worked: a.days })),
    ),
  );
  await insert(
    db,
    'payroll',
    { ...personal, payable_fen: 'bigint', paid_fen: 'bigint', paid_on: 'date', paid_via: text },
    plans.flatMap((p) =>
      p.payroll.map((r) => ({
        project_code: p.code, id_hash: index(r.idNumber), id_enc: seal(r.idNumber), id_masked: maskIdNumber(r.idNumber), period: firstDayOf(r.month),
        payable_fen: r.payableFen, paid_fen: r.paidFen, paid_on: r.paidOn, paid_via: r.paidVia,
      })),
    ),
  );
  await insert(
    db,
    'wage_accounts',
    { project_code: text, bank_name: text, account_number_enc: 'bytea', account_number_hash: 'bytea', account_number_masked: text, opened_on: 'date', filed_on: 'date' },
    plans.flatMap((p) =>
      p.accounts.map((a) => ({
        project_code: p.code, bank_name: a.bankName, account_number_enc: seal(a.accountNumber), account_number_hash: index(a.accountNumber),
        account_number_masked: maskBankNumber(a.accountNumber), opened_on: a.openedOn, filed_on: a.filedOn,
      })),
    ),
  );
  await insert(
    db,
    'deposits',
    { project_code: text, contractor_uscc: text, form: text, amount_fen: 'bigint', valid_from: 'date', valid_until: 'date' },
    plans.flatMap((p) => p.deposits.map((d) => ({ project_code: p.code, contractor_uscc: d.contractorUscc, form: d.form, amount_fen: d.amountFen, valid_from: d.validFrom, valid_until: d.validUntil }))),
  );
  await insert(
    db,
    'labor_cost_allocations',
    { project_code: text, txn_ref: text, paid_on: 'date', amount_fen: 'bigint' },
    plans.flatMap((p) => p.allocations.map((a) => ({ project_code: p.code, txn_ref: a.txnRef, paid_on: a.paidOn, amount_fen: a.amountFen }))),
  );
  await insert(
    db,
    'clues',
    { clue_id: text, received_on: 'date', source: text, region_code: text, project_code: text, employer_uscc: text, workers_involved: 'int', amount_claimed_fen: 'bigint', summary: text },
    plans.flatMap((p) =>
      p.clues.map((c) => ({
        clue_id: c.clueId, received_on: c.receivedOn, source: c.source, region_code: c.regionCode, project_code: c.projectCode,
        employer_uscc: c.employerUscc, workers_involved: c.workersInvolved, amount_claimed_fen: c.amountClaimedFen, summary: c.summary,
      })),
    ),
  );
  await insert(
    db,
    'watchlist_entries',
    { subject_type: text, subject_key: text, subject_id_enc: 'bytea', subject_display: text, list: text, listed_on: 'date', expires_on: 'date', reason: text },
    plans.flatMap((p) =>
      p.watchlist.map((e) => {
        const person = e.subjectType === 'person';
        return {
          subject_type: e.subjectType, subject_key: person ? index(e.subjectId) : e.subjectId, subject_id_enc: person ? seal(e.subjectId) : hex(null),
          subject_display: person ? maskIdNumber(e.subjectId) : e.subjectId, list: e.list, listed_on: e.listedOn, expires_on: e.expiresOn, reason: e.reason,
        };
      }),
    ),
  );
  await insert(
    db,
    'bank_transfers',
    { project_code: text, txn_ref: text, account_number_enc: 'bytea', account_number_hash: 'bytea', account_number_masked: text, transferred_on: 'date',
      payee_id_hash: 'bytea', payee_id_enc: 'bytea', payee_id_masked: text, payee_name: text, amount_fen: 'bigint', period: 'date', status: text },
    plans.flatMap((p) =>
      p.transfers.map((t) => ({
        project_code: p.code, txn_ref: t.txnRef, account_number_enc: seal(t.accountNumber), account_number_hash: index(t.accountNumber),
        account_number_masked: maskBankNumber(t.accountNumber), transferred_on: t.transferredOn, payee_id_hash: index(t.payeeId),
        payee_id_enc: seal(t.payeeId), payee_id_masked: maskIdNumber(t.payeeId), payee_name: t.payeeName || null, amount_fen: t.amountFen,
        period: t.month === null ? null : firstDayOf(t.month), status: t.status,
      })),
    ),
  );
}
