import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipped region profiles (rule thresholds by region-code prefix). The thresholds are
 * copied here literally, not imported, so this migration means the same thing forever.
 * Monthly minimum wages in yuan; tier assignments that are guesses are marked in
 * libs/rules/README.md ("Shipped region profiles").
 */
const DEFAULTS = {
  payRatioThreshold: 0.8,
  payRatioRedBelow: 0.5,
  unpaidShareRed: 0.1,
  minWageDaysWorked: 20,
  belowMinWageRedShare: 0.1,
  abnormalMonthlyYuan: 50000,
  abnormal12MonthsYuan: 300000,
  paidOutsideOrangeShare: 0.5,
  accountMinContractYuan: 4000000,
  accountMinDurationDays: 90,
  accountGraceDays: 30,
  accountFilingGraceDays: 30,
  depositMinContractYuan: 3000000,
  depositGraceDays: 28,
  depositMinRatio: 0.01,
  contractUnsignedShare: 0.1,
  complaintWindowDays: 30,
  complaintClueCount: 3,
  complaintWorkerCount: 10,
  blacklistDefaultYears: 3,
  minimumMonthlyWageYuan: null as number | null,
  sla: { acknowledgeDays: 1, resolveRedDays: 5, resolveOrangeDays: 10, resolveYellowDays: 20, bureauReplyDays: 10 },
};

/** [code, name, monthly minimum wage in yuan or null] */
const PROFILES: [string, string, number | null][] = [
  ['national', '全国默认', null],
  ['11', '北京市', 2540],
  ['31', '上海市', 2740],
  // Guangdong: the province prefix carries tier 4 (韶关 河源 梅州 汕尾 阳江 茂名 清远 潮州 揭阳 云浮).
  ['44', '广东省（四类地区）', 1750],
  ['4401', '广州市', 2500],
  ['4403', '深圳市', 2520],
  ['4404', '珠海市（二类）', 2080],
  ['4406', '佛山市（二类）', 2080],
  ['4419', '东莞市（二类）', 2080],
  ['4420', '中山市（二类）', 2080],
  ['4405', '汕头市（三类）', 1850],
  ['4407', '江门市（三类）', 1850],
  ['4408', '湛江市（三类）', 1850],
  ['4412', '肇庆市（三类）', 1850],
  ['4413', '惠州市（三类）', 1850],
  // Hubei: the province prefix carries the lowest tier (黄冈 咸宁 随州 恩施 and 省直管 4290).
  ['42', '湖北省（三类地区）', 1970],
  ['4201', '武汉市', 2400],
  ['4202', '黄石市（二类）', 2130],
  ['4203', '十堰市（二类）', 2130],
  ['4205', '宜昌市（二类）', 2130],
  ['4206', '襄阳市（二类）', 2130],
  ['4207', '鄂州市（二类）', 2130],
  ['4208', '荆门市（二类）', 2130],
  ['4209', '孝感市（二类）', 2130],
  ['4210', '荆州市（二类）', 2130],
  // Guizhou: the province prefix carries tier 3 (毕节 铜仁 and the three autonomous prefectures).
  ['52', '贵州省（三类地区）', 1890],
  ['5201', '贵阳市（一类）', 2130],
  ['5202', '六盘水市（二类）', 1980],
  ['5203', '遵义市（二类）', 1980],
  ['5204', '安顺市（二类）', 1980],
];

export class SeedRegionProfiles1795318940836 implements MigrationInterface {
  name = 'SeedRegionProfiles1795318940836';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [code, name, wage] of PROFILES) {
      const thresholds = JSON.stringify({ ...DEFAULTS, minimumMonthlyWageYuan: wage });
      await queryRunner.query(
        `INSERT INTO region_profiles (code, name, version, thresholds, updated_by) VALUES ($1, $2, 1, $3, 'seed')
         ON CONFLICT (code) DO NOTHING`,
        [code, name, thresholds],
      );
      await queryRunner.query(
        `INSERT INTO region_profile_versions (code, version, name, thresholds, changed_by) VALUES ($1, 1, $2, $3, 'seed')
         ON CONFLICT (code, version) DO NOTHING`,
        [code, name, thresholds],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const codes = PROFILES.map(([code]) => code);
    await queryRunner.query(`DELETE FROM region_profile_versions WHERE version = 1 AND changed_by = 'seed' AND code = ANY($1)`, [codes]);
    await queryRunner.query(`DELETE FROM region_profiles WHERE version = 1 AND updated_by = 'seed' AND code = ANY($1)`, [codes]);
  }
}
