// Not '@wage/datasets' (its entities load TypeORM): import worker threads load the dataset specs.
import { INDUSTRIES, Industry } from '@wage/datasets/pure';
import { CellError, Parsed } from '../validation/cell-error';
import { RowErrorCode } from '../validation/error-codes';
import { parseStreetCode } from '../validation/identifiers';
import { enumParser, parseUrl } from '../validation/values';
import { DatasetSpec } from './dataset-spec';
import { as, field, LABELS, stage } from './fields';

/** Lists inside one cell are ';'-separated; the full-width ；and 、 typed by Chinese IMEs too. */
const splitList = (raw: string): string[] =>
  raw
    .split(/[;；、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

function parseStreetList(raw: string): Parsed<string[]> {
  const codes = splitList(raw);
  for (const code of codes) {
    const parsed = parseStreetCode(code);
    if (parsed instanceof CellError) return parsed;
  }
  return codes;
}

const parseIndustry = enumParser(LABELS.industry);

function parseIndustries(raw: string): Parsed<Industry[]> {
  const out: Industry[] = [];
  for (const item of splitList(raw)) {
    const parsed = parseIndustry(item);
    if (parsed instanceof CellError) return parsed;
    if (!out.includes(parsed)) out.push(parsed);
  }
  if (out.length === 0) return new CellError(RowErrorCode.Required, `List at least one industry: ${INDUSTRIES.join(';')}`);
  return out;
}

/** Chinese headers are not in the contract for these two; ours are documented in the README. */
export const inspectionUnits: DatasetSpec = {
  name: 'inspection_units',
  table: 'inspection_units',
  fields: [
    field('unit_code', ['机构编码', '单位编码'], true, as.code()),
    field('name', ['机构名称', '单位名称'], true, as.text()),
    field('kind', ['机构类型', '单位类型'], true, as.oneOf(LABELS.unitKind)),
    field('region_code', ['区划代码', '区县代码'], true, as.region()),
    field('street_codes', ['管辖街道代码', '街道代码'], false, parseStreetList),
    field('parent_unit_code', ['上级机构编码', '所属大队编码'], false, as.code()),
    field('webhook_url', ['推送地址', '通知推送地址'], false, parseUrl),
  ],
  staged: [
    stage('unit_code', 'varchar(64)'),
    stage('name', 'text'),
    stage('kind', 'varchar(8)'),
    stage('region_code', 'char(6)'),
    { name: 'street_codes', type: 'text[]', value: (v) => (v.street_codes as string[] | undefined) ?? [] },
    stage('parent_unit_code', 'varchar(64)'),
    stage('webhook_url', 'text'),
  ],
  conflict: ['unit_code'],
  keyText: 'o.unit_code',
};

export const industryBureaus: DatasetSpec = {
  name: 'industry_bureaus',
  table: 'industry_bureaus',
  fields: [
    field('bureau_code', ['部门编码', '主管部门编码'], true, as.code()),
    field('name', ['部门名称', '主管部门名称'], true, as.text()),
    field('region_code', ['区划代码', '区县代码'], true, as.region()),
    field('industries', ['监管行业', '主管行业'], true, parseIndustries),
    field('webhook_url', ['推送地址', '通知推送地址'], false, parseUrl),
  ],
  staged: [stage('bureau_code', 'varchar(64)'), stage('name', 'text'), stage('region_code', 'char(6)'), stage('industries', 'text[]'), stage('webhook_url', 'text')],
  conflict: ['bureau_code'],
  keyText: 'o.bureau_code',
};
