import { Parsed } from '../validation/cell-error';
import { parseDate, parsePeriod } from '../validation/dates';
import { parseBankNumber, parseIdNumber, parseRegionCode, parseStreetCode, parseUscc } from '../validation/identifiers';
import { enumParser, EnumLabels, parseBoolean, parseMoney, parseText } from '../validation/values';
import { CopyValue, FieldSpec, StagedColumn, Values } from './dataset-spec';

type Parser = (raw: string) => Parsed<unknown>;

export const field = (column: string, aliases: string | readonly string[], required: boolean, parse: Parser): FieldSpec => ({
  column,
  aliases: typeof aliases === 'string' ? [aliases] : aliases,
  required,
  parse,
});

/** Cell parsers by kind, named after what the contract calls them. */
export const as = {
  text: (maxLength = 10_000): Parser => (raw) => parseText(raw, maxLength),
  code: (): Parser => (raw) => parseText(raw, 64),
  date: (): Parser => parseDate,
  period: (): Parser => parsePeriod,
  money: (): Parser => parseMoney,
  bool: (): Parser => parseBoolean,
  uscc: (): Parser => parseUscc,
  idNumber: (): Parser => parseIdNumber,
  region: (): Parser => parseRegionCode,
  street: (): Parser => (raw) => parseStreetCode(raw),
  bank: (): Parser => parseBankNumber,
  oneOf: <T extends string>(labels: EnumLabels<T>): Parser => enumParser(labels),
};

/** A staged column copied from the parsed cell of the same name (null when blank). */
export const stage = (name: string, type: string, from = name): StagedColumn => ({
  name,
  type,
  value: (v: Values) => (v[from] ?? null) as CopyValue,
});

/** A staged column whose value is computed from the row (and its sealed personal data). */
export const derive = (name: string, type: string, value: StagedColumn['value'], sealed = false): StagedColumn => ({
  name,
  type,
  value,
  sealed,
});

/** The enum labels of data-contract.md (first label is the one shown in messages). */
export const LABELS = {
  industry: { housing: ['房建', '房屋建筑'], municipal: ['市政'], water: ['水利'], transport: ['交通'], other: ['其他'] },
  projectStatus: { planned: ['未开工'], in_progress: ['在建', '施工中'], suspended: ['停工'], completed: ['竣工', '已竣工'] },
  depositForm: { cash: ['现金'], bank_guarantee: ['银行保函', '保函'], insurance: ['保证保险'] },
  paidVia: { dedicated_account: ['专户代发', '专用账户代发'], other_account: ['其他账户'], cash: ['现金'] },
  clueSource: {
    national_platform: ['全国根治欠薪线索反映平台', '全国平台'],
    hotline: ['12345热线', '12345', '热线'],
    walk_in: ['来访'],
    letter: ['来信'],
    other: ['其他'],
  },
  subjectType: { enterprise: ['企业'], person: ['个人'] },
  watchlist: { arrears_blacklist: ['拖欠农民工工资失信联合惩戒名单', '失信名单', '黑名单'], bad_team: ['不良班组'] },
  unitKind: { brigade: ['大队'], team: ['中队'] },
  transferStatus: { succeeded: ['成功', '交易成功'], failed: ['失败', '交易失败'], returned: ['退回', '退票', '已退回'] },
} as const;
