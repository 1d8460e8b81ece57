import { fenToYuan } from '@wage/projects';
import { deadlineFlags } from './clue-deadlines';

/** One case as the read queries select it (clue_cases ⋈ clues ⋈ projects ⋈ users). */
export interface ClueRow {
  clue_id: string;
  received_on: string;
  source: string;
  region_code: string;
  project_code: string | null;
  project_name: string | null;
  employer_uscc: string | null;
  workers_involved: number;
  amount_claimed_fen: number | null;
  summary: string | null;
  status: string;
  unit_code: string | null;
  assignee_user_id: string | null;
  assignee_username: string | null;
  next_due_at: Date | null;
  next_step: string | null;
  escalation_level: number;
  outcome: string | null;
  recovered_fen: number | null;
  workers_paid: number | null;
}

export const CLUE_COLUMNS = `cc.clue_id, c.received_on, c.source, c.region_code, c.project_code, p.name AS project_name, c.employer_uscc,
  c.workers_involved, c.amount_claimed_fen, c.summary, cc.status, cc.unit_code, cc.assignee_user_id, u.username AS assignee_username,
  cc.next_due_at, cc.next_step, cc.escalation_level, cc.outcome, cc.recovered_fen, cc.workers_paid`;

export const CLUE_FROM = `clue_cases cc JOIN clues c ON c.clue_id = cc.clue_id
  LEFT JOIN projects p ON p.project_code = c.project_code LEFT JOIN users u ON u.id = cc.assignee_user_id`;

/** A case as GET /api/v1/clues lists it (clues.md "HTTP"); amounts in yuan strings. */
export function toClueItem(r: ClueRow, now: Date, soonCutoff: Date): Record<string, unknown> {
  return {
    clueId: r.clue_id,
    receivedOn: r.received_on,
    source: r.source,
    regionCode: r.region_code,
    projectCode: r.project_code,
    projectName: r.project_name,
    workersInvolved: r.workers_involved,
    amountClaimed: r.amount_claimed_fen === null ? null : fenToYuan(r.amount_claimed_fen),
    summary: r.summary,
    status: r.status,
    unitCode: r.unit_code,
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, username: r.assignee_username } : null,
    nextDeadline: r.next_due_at,
    nextStep: r.next_step,
    ...deadlineFlags(r.next_due_at, now, soonCutoff),
    escalationLevel: r.escalation_level,
    outcome: r.outcome,
    // The reply's figures (also what the lead's review list shows).
    recoveredAmount: r.recovered_fen === null ? null : fenToYuan(r.recovered_fen),
    workersPaid: r.workers_paid,
  };
}
