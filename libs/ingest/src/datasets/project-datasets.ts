import { CellError } from '../validation/cell-error';
import { RowErrorCode } from '../validation/error-codes';
import { DatasetSpec, Values } from './dataset-spec';
import { as, derive, field, LABELS, stage } from './fields';

export const enterprises: DatasetSpec = {
  name: 'enterprises',
  table: 'enterprises',
  fields: [
    field('uscc', '统一社会信用代码', true, as.uscc()),
    field('name', '企业名称', true, as.text()),
    field('region_code', '注册地区划代码', false, as.region()),
  ],
  staged: [stage('uscc', 'char(18)'), stage('name', 'text'), stage('region_code', 'char(6)')],
  conflict: ['uscc'],
  keyText: 'o.uscc',
};

export const projects: DatasetSpec = {
  name: 'projects',
  table: 'projects',
  fields: [
    field('project_code', '项目编码', true, as.code()),
    field('name', '项目名称', true, as.text()),
    field('region_code', '项目所在区县代码', true, as.region()),
    field('street_code', '街道代码', false, as.street()),
    field('industry', '行业类别', true, as.oneOf(LABELS.industry)),
    field('construction_unit_uscc', '建设单位信用代码', true, as.uscc()),
    field('general_contractor_uscc', '总包单位信用代码', true, as.uscc()),
    field('contract_amount', '合同金额', true, as.money()),
    field('contract_signed_on', '合同签订日期', true, as.date()),
    field('started_on', '开工日期', false, as.date()),
    field('planned_end_on', '计划竣工日期', false, as.date()),
    field('status', '项目状态', true, as.oneOf(LABELS.projectStatus)),
    field('notice_board_posted', '维权告示牌', false, as.bool()),
  ],
  crossCheck(v: Values) {
    const street = v.street_code as string | undefined;
    const region = v.region_code as string;
    if (street && street.slice(0, 6) !== region) {
      return {
        column: 'street_code',
        error: new CellError(RowErrorCode.StreetNotInRegion, `Street code ${street} does not belong to region ${region} (its first 6 digits must be ${region})`),
      };
    }
    return undefined;
  },
  staged: [
    stage('project_code', 'varchar(64)'),
    stage('name', 'text'),
    stage('region_code', 'char(6)'),
    stage('street_code', 'varchar(12)'),
    stage('industry', 'varchar(16)'),
    stage('construction_unit_uscc', 'char(18)'),
    stage('general_contractor_uscc', 'char(18)'),
    stage('contract_amount_fen', 'bigint', 'contract_amount'),
    stage('contract_signed_on', 'date'),
    stage('started_on', 'date'),
    stage('planned_end_on', 'date'),
    stage('status', 'varchar(16)'),
    derive('notice_board_posted', 'boolean', (v) => (v.notice_board_posted as boolean | undefined) ?? false),
  ],
  conflict: ['project_code'],
  keyText: 'o.project_code',
};

export const wageAccounts: DatasetSpec = {
  name: 'wage_accounts',
  table: 'wage_accounts',
  fields: [
    field('project_code', '项目编码', true, as.code()),
    field('bank_name', '开户银行', true, as.text()),
    field('account_number', '专用账户账号', true, as.bank()),
    field('opened_on', '开户日期', true, as.date()),
    field('filed_on', '备案日期', false, as.date()),
  ],
  projectColumn: 'project_code',
  staged: [
    stage('project_code', 'varchar(64)'),
    stage('bank_name', 'text'),
    derive('account_number_enc', 'bytea', (v, pii) => pii.bankNumber(v.account_number as string).encField, true),
    derive('account_number_hash', 'bytea', (v, pii) => pii.bankNumber(v.account_number as string).hashField),
    derive('account_number_masked', 'varchar(32)', (v, pii) => pii.bankNumber(v.account_number as string).masked),
    stage('opened_on', 'date'),
    stage('filed_on', 'date'),
  ],
  conflict: ['project_code', 'account_number_hash'],
  keyText: "o.project_code || ' / ' || o.account_number_masked",
};

export const deposits: DatasetSpec = {
  name: 'deposits',
  table: 'deposits',
  fields: [
    field('project_code', '项目编码', true, as.code()),
    field('contractor_uscc', '存储单位信用代码', true, as.uscc()),
    field('form', '存储形式', true, as.oneOf(LABELS.depositForm)),
    field('amount', '金额', true, as.money()),
    field('valid_from', '生效日期', true, as.date()),
    field('valid_until', '失效日期', false, as.date()),
  ],
  projectColumn: 'project_code',
  staged: [
    stage('project_code', 'varchar(64)'),
    stage('contractor_uscc', 'char(18)'),
    stage('form', 'varchar(16)'),
    stage('amount_fen', 'bigint', 'amount'),
    stage('valid_from', 'date'),
    stage('valid_until', 'date'),
  ],
  conflict: ['project_code', 'contractor_uscc', 'valid_from'],
  keyText: "o.project_code || ' / ' || o.contractor_uscc || ' / ' || o.valid_from",
};

export const laborCostAllocations: DatasetSpec = {
  name: 'labor_cost_allocations',
  table: 'labor_cost_allocations',
  fields: [
    field('project_code', '项目编码', true, as.code()),
    field('txn_ref', '交易流水号', true, as.code()),
    field('paid_on', '拨付日期', true, as.date()),
    field('amount', '拨付金额', true, as.money()),
  ],
  crossCheck(v: Values) {
    if (v.amount === 0) {
      return { column: 'amount', error: new CellError(RowErrorCode.AmountNotPositive, 'An allocation amount must be greater than 0') };
    }
    return undefined;
  },
  projectColumn: 'project_code',
  staged: [stage('project_code', 'varchar(64)'), stage('txn_ref', 'varchar(64)'), stage('paid_on', 'date'), stage('amount_fen', 'bigint', 'amount')],
  conflict: ['project_code', 'txn_ref'],
  keyText: "o.project_code || ' / ' || o.txn_ref",
};
