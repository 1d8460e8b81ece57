import { CellError } from '../validation/cell-error';
import { daysInPeriod } from '../validation/dates';
import { RowErrorCode } from '../validation/error-codes';
import { parseIdNumber, parseUscc } from '../validation/identifiers';
import { parseInteger } from '../validation/values';
import { DatasetSpec, Values } from './dataset-spec';
import { as, derive, field, LABELS, stage } from './fields';

const id = (v: Values): string => v.id_number as string;
const optional = <T>(x: unknown, f: (s: string) => T): T | null => (typeof x === 'string' ? f(x) : null);

export const workers: DatasetSpec = {
  name: 'workers',
  table: 'workers',
  fields: [
    field('project_code', '项目编码', true, as.code()),
    field('id_number', '身份证号', true, as.idNumber()),
    field('name', '姓名', true, as.text(200)),
    field('employer_uscc', '用工单位信用代码', true, as.uscc()),
    field('team_name', '班组', false, as.text(200)),
    field('team_leader_id_number', '班组长身份证号', false, as.idNumber()),
    field('trade', '工种', false, as.text(200)),
    field('entered_on', '进场日期', true, as.date()),
    field('exited_on', '退场日期', false, as.date()),
    field('contract_signed', '签订劳动合同', false, as.bool()),
    field('bank_card_number', '工资卡号', false, as.bank()),
  ],
  projectColumn: 'project_code',
  staged: [
    stage('project_code', 'varchar(64)'),
    derive('id_hash', 'bytea', (v, pii) => pii.idNumber(id(v)).hashField),
    derive('id_enc', 'bytea', (v, pii) => pii.idNumber(id(v)).encField, true),
    derive('id_masked', 'varchar(18)', (v, pii) => pii.idNumber(id(v)).masked),
    stage('name', 'text'),
    stage('employer_uscc', 'char(18)'),
    stage('team_name', 'text'),
    derive('team_leader_id_hash', 'bytea', (v, pii) => optional(v.team_leader_id_number, (s) => pii.idNumber(s).hashField)),
    derive('team_leader_id_enc', 'bytea', (v, pii) => optional(v.team_leader_id_number, (s) => pii.idNumber(s).encField), true),
    derive('team_leader_id_masked', 'varchar(18)', (v, pii) => optional(v.team_leader_id_number, (s) => pii.idNumber(s).masked)),
    stage('trade', 'text'),
    stage('entered_on', 'date'),
    stage('exited_on', 'date'),
    derive('contract_signed', 'boolean', (v) => (v.contract_signed as boolean | undefined) ?? false),
    derive('bank_card_hash', 'bytea', (v, pii) => optional(v.bank_card_number, (s) => pii.bankNumber(s).hashField)),
    derive('bank_card_enc', 'bytea', (v, pii) => optional(v.bank_card_number, (s) => pii.bankNumber(s).encField), true),
    derive('bank_card_masked', 'varchar(32)', (v, pii) => optional(v.bank_card_number, (s) => pii.bankNumber(s).masked)),
  ],
  conflict: ['project_code', 'id_hash'],
  keyText: "o.project_code || ' / ' || o.id_masked",
};

/** Attendance and payroll are both one row per (project, worker, month): same key, staged the same way. */
const WORKER_MONTH_KEY = [
    stage('project_code', 'varchar(64)'),
    derive('id_hash', 'bytea', (v, pii) => pii.idNumber(id(v)).hashField),
    stage('period', 'date'),
    derive('id_enc', 'bytea', (v, pii) => pii.idNumber(id(v)).encField, true),
    derive('id_masked', 'varchar(18)', (v, pii) => pii.idNumber(id(v)).masked),
];
const WORKER_MONTH_IDENTITY = {
  conflict: ['project_code', 'id_hash', 'period'],
  keyText: "o.project_code || ' / ' || o.id_masked || ' / ' || to_char(o.period, 'YYYY-MM')",
};

export const attendance: DatasetSpec = {
  name: 'attendance',
  table: 'attendance',
  fields: [
    field('project_code', '项目编码', true, as.code()),
    field('id_number', '身份证号', true, as.idNumber()),
    field('period', '考勤月份', true, as.period()),
    field('days_worked', '出勤天数', true, (raw) => parseInteger(raw, 0, 31)),
  ],
  crossCheck(v: Values) {
    const max = daysInPeriod(v.period as string);
    if ((v.days_worked as number) > max) {
      const month = (v.period as string).slice(0, 7);
      return { column: 'days_worked', error: new CellError(RowErrorCode.OutOfRange, `${String(v.days_worked)} days worked, but ${month} has only ${max} days`) };
    }
    return undefined;
  },
  projectColumn: 'project_code',
  staged: [
    ...WORKER_MONTH_KEY,
    stage('days_worked', 'smallint'),
  ],
  ...WORKER_MONTH_IDENTITY,
};

export const payroll: DatasetSpec = {
  name: 'payroll',
  table: 'payroll',
  fields: [
    field('project_code', '项目编码', true, as.code()),
    field('id_number', '身份证号', true, as.idNumber()),
    field('period', '工资所属月份', true, as.period()),
    field('payable_amount', '应发金额', true, as.money()),
    field('paid_amount', '实发金额', true, as.money()),
    field('paid_on', '发放日期', false, as.date()),
    field('paid_via', '发放方式', false, as.oneOf(LABELS.paidVia)),
  ],
  crossCheck(v: Values) {
    if ((v.paid_amount as number) > 0 && v.paid_on === undefined) {
      return { column: 'paid_on', error: new CellError(RowErrorCode.PaidOnRequired, 'paid_on (发放日期) is required when paid_amount is greater than 0') };
    }
    return undefined;
  },
  projectColumn: 'project_code',
  staged: [
    ...WORKER_MONTH_KEY,
    stage('payable_fen', 'bigint', 'payable_amount'),
    stage('paid_fen', 'bigint', 'paid_amount'),
    stage('paid_on', 'date'),
    derive('paid_via', 'varchar(20)', (v) => (v.paid_via as string | undefined) ?? 'dedicated_account'),
  ],
  ...WORKER_MONTH_IDENTITY,
};

export const clues: DatasetSpec = {
  name: 'clues',
  table: 'clues',
  fields: [
    field('clue_id', '线索编号', true, as.code()),
    field('received_on', '受理日期', true, as.date()),
    field('source', '来源', true, as.oneOf(LABELS.clueSource)),
    field('region_code', '区县代码', true, as.region()),
    field('project_code', '项目编码', false, as.code()),
    field('employer_uscc', '被反映单位信用代码', false, as.uscc()),
    field('workers_involved', '涉及人数', true, (raw) => parseInteger(raw, 1, 1_000_000)),
    field('amount_claimed', '反映欠薪金额', false, as.money()),
    field('summary', '诉求摘要', false, as.text(2000)),
  ],
  staged: [
    stage('clue_id', 'varchar(64)'),
    stage('received_on', 'date'),
    stage('source', 'varchar(20)'),
    stage('region_code', 'char(6)'),
    stage('project_code', 'varchar(64)'),
    stage('employer_uscc', 'char(18)'),
    stage('workers_involved', 'integer'),
    stage('amount_claimed_fen', 'bigint', 'amount_claimed'),
    stage('summary', 'text'),
  ],
  conflict: ['clue_id'],
  keyText: 'o.clue_id',
};

const isPerson = (v: Values): boolean => v.subject_type === 'person';

export const watchlist: DatasetSpec = {
  name: 'watchlist',
  table: 'watchlist_entries',
  fields: [
    field('subject_type', '主体类型', true, as.oneOf(LABELS.subjectType)),
    field('subject_id', '信用代码或身份证号', true, as.text(18)),
    field('list', '名单类别', true, as.oneOf(LABELS.watchlist)),
    field('listed_on', '列入日期', true, as.date()),
    field('expires_on', '移出日期', false, as.date()),
    field('reason', '事由', false, as.text()),
  ],
  // The subject is a credit code or an ID number depending on subject_type.
  crossCheck(v: Values) {
    const parsed = isPerson(v) ? parseIdNumber(v.subject_id as string) : parseUscc(v.subject_id as string);
    if (parsed instanceof CellError) return { column: 'subject_id', error: parsed };
    v.subject_id = parsed;
    return undefined;
  },
  staged: [
    stage('subject_type', 'varchar(16)'),
    derive('subject_key', 'varchar(64)', (v, pii) => (isPerson(v) ? pii.idNumber(v.subject_id as string).hashHex : (v.subject_id as string))),
    derive('subject_id_enc', 'bytea', (v, pii) => (isPerson(v) ? pii.idNumber(v.subject_id as string).encField : null), true),
    derive('subject_display', 'varchar(18)', (v, pii) => (isPerson(v) ? pii.idNumber(v.subject_id as string).masked : (v.subject_id as string))),
    stage('list', 'varchar(32)'),
    stage('listed_on', 'date'),
    stage('expires_on', 'date'),
    stage('reason', 'text'),
  ],
  conflict: ['subject_type', 'subject_key', 'list'],
  keyText: "o.subject_type || ' / ' || o.subject_display || ' / ' || o.list",
};
