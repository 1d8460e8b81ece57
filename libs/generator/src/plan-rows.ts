import { monthLabel } from './dates';
import { ProjectPlan } from './plan-types';
import { DatasetName, Row, yuan } from './schema';

/** The datasets one project contributes rows to. */
export type ProjectDataset = Exclude<DatasetName, 'inspection_units' | 'industry_bureaus'>;

const opt = (v: string | null): string => v ?? '';

/** Renders one project's plan as rows of every dataset it appears in. */
export function planRows(plan: ProjectPlan): Record<ProjectDataset, Row[]> {
  const code = plan.code;
  return {
    enterprises: plan.ownEnterprises.map((e) => ({ uscc: e.uscc, name: e.name, region_code: e.regionCode })),
    projects: [
      {
        project_code: code,
        name: plan.name,
        region_code: plan.district.code,
        street_code: plan.streetCode,
        industry: plan.industry,
        construction_unit_uscc: plan.developerUscc,
        general_contractor_uscc: plan.contractorUscc,
        contract_amount: yuan(plan.contractFen),
        contract_signed_on: plan.signedOn,
        started_on: opt(plan.startedOn),
        planned_end_on: plan.plannedEndOn,
        status: plan.status,
        notice_board_posted: String(plan.noticeBoardPosted),
      },
    ],
    wage_accounts: plan.accounts.map((a) => ({
      project_code: code,
      bank_name: a.bankName,
      account_number: a.accountNumber,
      opened_on: a.openedOn,
      filed_on: opt(a.filedOn),
    })),
    deposits: plan.deposits.map((d) => ({
      project_code: code,
      contractor_uscc: d.contractorUscc,
      form: d.form,
      amount: yuan(d.amountFen),
      valid_from: d.validFrom,
      valid_until: opt(d.validUntil),
    })),
    labor_cost_allocations: plan.allocations.map((a) => ({ project_code: code, txn_ref: a.txnRef, paid_on: a.paidOn, amount: yuan(a.amountFen) })),
    workers: plan.workers.map((w) => ({
      project_code: code,
      id_number: w.idNumber,
      name: w.name,
      employer_uscc: w.employerUscc,
      team_name: w.teamName,
      team_leader_id_number: w.teamLeaderId,
      trade: w.trade,
      entered_on: w.enteredOn,
      exited_on: opt(w.exitedOn),
      contract_signed: String(w.contractSigned),
      bank_card_number: w.bankCard,
    })),
    attendance: plan.attendance.map((a) => ({ project_code: code, id_number: a.idNumber, period: monthLabel(a.month), days_worked: String(a.days) })),
    payroll: plan.payroll.map((p) => ({
      project_code: code,
      id_number: p.idNumber,
      period: monthLabel(p.month),
      payable_amount: yuan(p.payableFen),
      paid_amount: yuan(p.paidFen),
      paid_on: p.paidFen > 0 ? opt(p.paidOn) : '',
      paid_via: p.paidVia,
    })),
    clues: plan.clues.map((c) => ({
      clue_id: c.clueId,
      received_on: c.receivedOn,
      source: c.source,
      region_code: c.regionCode,
      project_code: opt(c.projectCode),
      employer_uscc: opt(c.employerUscc),
      workers_involved: String(c.workersInvolved),
      amount_claimed: c.amountClaimedFen === null ? '' : yuan(c.amountClaimedFen),
      summary: c.summary,
    })),
    bank_transfers: plan.transfers.map((t) => ({
      project_code: code,
      txn_ref: t.txnRef,
      account_number: t.accountNumber,
      transferred_on: t.transferredOn,
      payee_id_number: t.payeeId,
      payee_name: t.payeeName,
      payee_card_number: t.payeeCard,
      amount: yuan(t.amountFen),
      period: t.month === null ? '' : monthLabel(t.month),
      status: t.status,
    })),
    watchlist: plan.watchlist.map((e) => ({
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      list: e.list,
      listed_on: e.listedOn,
      expires_on: opt(e.expiresOn),
      reason: e.reason,
    })),
  };
}
