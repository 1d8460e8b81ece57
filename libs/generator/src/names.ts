import { Rng } from './prng';

// Common surnames, roughly in order of frequency (weights fall off with rank).
const SURNAMES = (
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
).split('');
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (i + 8));

const GIVEN_MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆建国文志峰海林东兵春龙成新胜德'.split('');
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀玲桂英红梅兰琴云莲凤洁燕萍翠菊'.split('');
const GIVEN_ANY = '小永长金德明子家玉晓云春海红中立安振宏光'.split('');

export function personName(rng: Rng, male: boolean): string {
  const surname = rng.weighted(SURNAMES, SURNAME_WEIGHTS);
  const pool = male ? GIVEN_MALE : GIVEN_FEMALE;
  if (rng.chance(0.35)) return surname + rng.pick(pool);
  return surname + rng.pick(GIVEN_ANY) + rng.pick(pool);
}

const BRANDS = [
  '华建', '中城', '鑫泰', '宏远', '恒基', '荣盛', '金桥', '广厦', '长城', '天和', '新业', '盛达',
  '瑞丰', '汇通', '振华', '博源', '诚信', '永安', '顺通', '东方', '海德', '安居', '锦程', '鼎盛',
  '嘉誉', '楚天', '江汉', '南粤', '黔城', '申港', '宝立', '腾飞', '联创', '正达', '昌盛', '弘业',
];

export type CompanyRole = 'developer' | 'contractor' | 'labor';

const SUFFIXES: Record<CompanyRole, string[]> = {
  developer: ['房地产开发有限公司', '置业有限公司', '城市建设投资有限公司', '城市更新发展有限公司'],
  contractor: ['建设工程有限公司', '建筑工程有限公司', '建工集团有限公司', '市政工程有限公司', '路桥建设有限公司'],
  labor: ['建筑劳务有限公司', '劳务分包有限公司', '建筑劳务分包有限公司', '劳务服务有限公司'],
};

/** e.g. 武汉鑫泰建设工程有限公司 — the city is written without 市 as firms usually are. */
export function companyName(rng: Rng, city: string, role: CompanyRole): string {
  return `${city.replace(/市$/, '')}${rng.pick(BRANDS)}${rng.pick(SUFFIXES[role])}`;
}

const PROJECT_KINDS: Record<string, string[]> = {
  housing: ['安置房', '住宅小区', '商业综合体', '人才公寓', '保障性住房', '学校教学楼', '医院门诊楼'],
  municipal: ['道路改造', '雨污分流管网', '综合管廊', '公园提升', '老旧小区改造', '停车场'],
  water: ['堤防加固', '泵站改扩建', '水厂', '河道综合整治', '排涝站'],
  transport: ['快速路', '跨江大桥', '地铁站点', '高架桥', '公路改扩建'],
  other: ['产业园厂房', '物流仓储中心', '体育中心'],
};
const PLACES = ['新城', '东湖', '滨江', '光谷', '南湖', '北湖', '金桥', '白沙洲', '中心', '科技城', '临港', '沿河', '西站', '湖畔'];
const PHASES = ['一期', '二期', '三期', 'A区', 'B区', '', ''];

export function projectName(rng: Rng, districtName: string, industry: string): string {
  const kinds = PROJECT_KINDS[industry] ?? PROJECT_KINDS.other;
  return `${districtName}${rng.pick(PLACES)}${rng.pick(kinds)}${rng.pick(PHASES)}工程`;
}

export const TRADES = ['钢筋工', '木工', '混凝土工', '架子工', '砌筑工', '抹灰工', '水电工', '焊工', '油漆工', '普工', '防水工', '机械操作工'];

export const BANKS = ['中国工商银行', '中国建设银行', '中国农业银行', '中国银行', '交通银行', '招商银行', '湖北银行', '广州农商银行', '上海银行', '贵阳银行'];
