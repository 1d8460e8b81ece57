import 'reflect-metadata';
import { ALERT_STATUSES, RESOLUTION_CODES, SEVERITIES } from '../../../../libs/alerts/src/entities/alert-enums';
import { ALL_ROLES } from '../../../../libs/auth/src/roles';
import { CLUE_SOURCES, DEPOSIT_FORMS, INDUSTRIES, PAID_VIA, PROJECT_STATUSES, UNIT_KINDS, WATCHLIST_SUBJECT_TYPES, WATCHLISTS } from '../../../../libs/datasets/src/entities/enums';
import { DATASET_NAMES } from '../../../../libs/generator/src/schema';
import { IMPORT_STATUSES } from '../../../../libs/ingest/src/entities/import.entity';
import { RowErrorCode } from '../../../../libs/ingest/src/validation/error-codes';
import { NOTICE_STATUSES } from '../../../../libs/notices/src/entities/notice.entity';
import { RULE_CATALOGUE } from '../../../../libs/rules/src/catalogue';
import { DEFAULT_THRESHOLDS } from '../../../../libs/rules/src/profiles/thresholds';
import { EVIDENCE_SAMPLES, evidenceShape } from '../../../../libs/rules/src/testing/evidence-samples';
import { SCAN_STATUSES } from '../../../../libs/scans/src/entities/scan.entity';
import { WORKFLOW_ACTIONS } from '../../../../libs/workflow/src/transitions';
import { zhCN } from './zh-CN';

/** Values of the API's enums that the console shows: each needs a Chinese label. */
const ENUMS: Array<[string, readonly string[], Record<string, string>]> = [
  ['severities', SEVERITIES, zhCN.severity],
  ['alert statuses', ALERT_STATUSES, zhCN.status],
  ['resolutions', RESOLUTION_CODES, zhCN.resolutions],
  ['workflow actions', WORKFLOW_ACTIONS, zhCN.actions],
  ['alert events (workflow actions)', WORKFLOW_ACTIONS, zhCN.events],
  ['roles', ALL_ROLES, zhCN.roles],
  ['rules', Object.keys(RULE_CATALOGUE), zhCN.rules],
  ['bank reconciliation rules (rules.md)', ['PAYROLL_UNVERIFIED', 'ACCOUNT_DIVERSION'], zhCN.rules],
  ['scan statuses', SCAN_STATUSES, zhCN.scanStatus],
  ['scan triggers', ['manual', 'scheduled'], zhCN.scanTrigger],
  ['notice statuses', NOTICE_STATUSES, zhCN.notices.statuses],
  ['import statuses', IMPORT_STATUSES, zhCN.importStatus],
  ['import error codes', Object.values(RowErrorCode), zhCN.importErrors],
  ['datasets', [...DATASET_NAMES, 'bank_transfers'], zhCN.datasets],
  ['industries', INDUSTRIES, zhCN.industries],
  ['project statuses', PROJECT_STATUSES, zhCN.projectStatus],
  ['deposit forms', DEPOSIT_FORMS, zhCN.depositForms],
  ['paid via', PAID_VIA, zhCN.paidVia],
  ['clue sources', CLUE_SOURCES, zhCN.clueSources],
  ['watchlists', WATCHLISTS, zhCN.watchlists],
  ['watchlist subject types', WATCHLIST_SUBJECT_TYPES, zhCN.subjectTypes],
  ['unit kinds', UNIT_KINDS, zhCN.unitKinds],
  ['party roles (project API and WATCHLISTED_PARTY)', ['constructionUnit', 'generalContractor', 'general_contractor', 'employer', 'team_leader'], zhCN.partyRoles],
  // clues.md lifecycle and outcomes (the clue-case API is being added alongside).
  ['clue statuses', ['received', 'accepted', 'contacted', 'replied', 'closed'], zhCN.clueStatus],
  ['clue outcomes', ['wages_paid', 'partially_paid', 'no_arrears_found', 'case_filed', 'transferred_arbitration', 'transferred_court', 'not_our_jurisdiction', 'complainant_unreachable', 'other', 'duplicate'], zhCN.clueOutcomes],
  ['CONSECUTIVE_ARREARS reasons', ['PAY_RATIO_LOW', 'PAYROLL_MISSING'], zhCN.arrearsReasons],
  ['thresholds', Object.keys(DEFAULT_THRESHOLDS), zhCN.thresholds],
  ['threshold units', Object.keys(DEFAULT_THRESHOLDS), zhCN.thresholdUnits],
  ['deadline settings', Object.keys(DEFAULT_THRESHOLDS.sla), zhCN.slaFields],
];

const CHINESE = /[\u4e00-\u9fff]/;

/** Every string of the texts, with its path. */
function strings(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe('zh-CN texts', () => {
  it.each(ENUMS)('every value of %s has a Chinese label', (_name, values, labels) => {
    const missing = values.filter((v) => !(v in labels) || (labels[v] !== '' && !CHINESE.test(labels[v]) && !/^[%元天人条年]?$/.test(labels[v])));
    expect(missing).toEqual([]);
  });

  it('every field of every rule evidence (shared schema) has a Chinese label', () => {
    const fields = new Set(Object.values(EVIDENCE_SAMPLES).flatMap((e) => evidenceShape(e).map((p) => p.split('.').pop()!.replace('[]', ''))));
    const missing = [...fields].filter((f) => !CHINESE.test(zhCN.evidenceFields[f] ?? ''));
    expect(missing).toEqual([]);
  });

  it('every text is Chinese (or a unit, a number format or a date pattern), never an identifier', () => {
    const allowed = /^([%元天人条年]|YYYY-MM|12345热线)$/;
    const bad = strings(zhCN, 'zhCN').filter(([, s]) => s !== '' && !CHINESE.test(s) && !allowed.test(s));
    expect(bad).toEqual([]);
  });
});
