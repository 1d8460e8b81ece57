/** County-level districts (GB/T 2260) the generator places projects in. */
export interface District {
  code: string;
  city: string;
  name: string;
}

const CITY_DISTRICTS: Record<string, [string, string][]> = {
  武汉市: [
    ['420102', '江岸区'], ['420103', '江汉区'], ['420104', '硚口区'], ['420105', '汉阳区'],
    ['420106', '武昌区'], ['420107', '青山区'], ['420111', '洪山区'], ['420112', '东西湖区'],
    ['420113', '汉南区'], ['420114', '蔡甸区'], ['420115', '江夏区'], ['420116', '黄陂区'],
    ['420117', '新洲区'],
  ],
  广州市: [
    ['440103', '荔湾区'], ['440104', '越秀区'], ['440105', '海珠区'], ['440106', '天河区'],
    ['440111', '白云区'], ['440112', '黄埔区'], ['440113', '番禺区'], ['440114', '花都区'],
    ['440115', '南沙区'], ['440117', '从化区'], ['440118', '增城区'],
  ],
  上海市: [
    ['310101', '黄浦区'], ['310104', '徐汇区'], ['310105', '长宁区'], ['310106', '静安区'],
    ['310107', '普陀区'], ['310109', '虹口区'], ['310110', '杨浦区'], ['310112', '闵行区'],
    ['310113', '宝山区'], ['310114', '嘉定区'], ['310115', '浦东新区'], ['310117', '松江区'],
    ['310118', '青浦区'], ['310120', '奉贤区'],
  ],
  贵阳市: [
    ['520102', '南明区'], ['520103', '云岩区'], ['520111', '花溪区'], ['520112', '乌当区'],
    ['520113', '白云区'], ['520115', '观山湖区'], ['520121', '开阳县'], ['520123', '修文县'],
    ['520181', '清镇市'],
  ],
};

export const DISTRICTS: readonly District[] = Object.entries(CITY_DISTRICTS).flatMap(([city, list]) =>
  list.map(([code, name]) => ({ code, city, name })),
);

/** Hometown regions of workers (ID numbers are issued where people were born, not where they work). */
export const HOMETOWN_REGIONS = [
  '421022', '421281', '420921', '421181', '421126', '422801', '430524', '430626', '431021',
  '411524', '412726', '413026', '341221', '341623', '510922', '511322', '500228', '500235',
  '522422', '522726', '520323', '360781', '362421', '450881', '441481', '445281',
];

const STREET_NAMES = [
  '中山', '新华', '解放', '建设', '人民', '和平', '长江', '滨江', '光明', '东湖', '南湖', '花园',
  '城关', '前进', '胜利', '幸福', '龙王庙', '青年', '民主', '五里', '白沙', '金桥', '双岭', '桥头',
];

export interface Street {
  code: string;
  name: string;
}

/** The streets (街道, 9-digit codes) of a district; the count depends only on the district. */
export function streetsOf(district: District): Street[] {
  const n = 6 + (Number(district.code.slice(4)) % 5);
  const offset = Number(district.code) % STREET_NAMES.length;
  return Array.from({ length: n }, (_, i) => ({
    code: `${district.code}${String(i + 1).padStart(3, '0')}`,
    name: `${STREET_NAMES[(offset + i * 7) % STREET_NAMES.length]}街道`,
  }));
}

/**
 * Monthly minimum wage (fen) by region prefix as the reference evaluator assumes it;
 * the service's region profiles own the real figures. Problem pay stays far below and
 * healthy pay far above every tier, so a tier guess cannot flip an outcome.
 */
export function minimumWageFen(regionCode: string): number {
  if (regionCode.startsWith('31')) return 274_000;
  if (regionCode.startsWith('4401')) return 250_000;
  if (regionCode.startsWith('4201')) return 240_000;
  if (regionCode.startsWith('5201')) return 213_000;
  return 175_000;
}
