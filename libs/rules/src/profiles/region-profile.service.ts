import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RegionProfile } from './region-profile.entity';
import { RegionProfileVersion } from './region-profile-version.entity';
import { NATIONAL_PROFILE_CODE, ResolvedProfile, RuleThresholds, withDefaults } from './thresholds';

/** The profile each project uses (one row per project found in `projects`). */
export interface ProjectProfile {
  projectCode: string;
  profile: ResolvedProfile;
}

interface ProfileRow {
  code: string;
  name: string;
  version: number;
  thresholds: Partial<RuleThresholds>;
}

const toResolved = (r: ProfileRow): ResolvedProfile => ({
  code: r.code,
  name: r.name,
  version: r.version,
  thresholds: withDefaults(r.thresholds),
});

/**
 * Longest region-code prefix wins, the national profile is the fallback. Used by a
 * LATERAL join so a whole scope resolves in one statement.
 */
const BEST_PROFILE = `
  SELECT r.code, r.name, r.version, r.thresholds
    FROM region_profiles r
   WHERE r.code = '${NATIONAL_PROFILE_CODE}' OR starts_with($REGION, r.code)
   ORDER BY (r.code = '${NATIONAL_PROFILE_CODE}'), length(r.code) DESC
   LIMIT 1`;

@Injectable()
export class RegionProfileService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The profile a region code uses: longest matching prefix, then the national default. */
  async resolve(regionCode: string, manager: EntityManager = this.dataSource.manager): Promise<ResolvedProfile> {
    const rows: ProfileRow[] = await manager.query(BEST_PROFILE.replace('$REGION', '$1::text'), [regionCode]);
    if (!rows.length) throw new NotFoundException(`no region profile for ${regionCode} and no national profile`);
    return toResolved(rows[0]);
  }

  /**
   * Profiles of many projects without N+1: the best profile of each distinct region
   * code (one statement), then those profiles (a second one).
   */
  async resolveForProjects(manager: EntityManager, projectCodes: string[]): Promise<ProjectProfile[]> {
    const links: { project_code: string; code: string }[] = await manager.query(
      `WITH p AS (SELECT project_code, region_code::text AS region_code FROM projects WHERE project_code = ANY($1::text[])),
            best AS (SELECT rg.region_code, rp.code
                       FROM (SELECT DISTINCT region_code FROM p) rg
                      CROSS JOIN LATERAL (${BEST_PROFILE.replace('$REGION', 'rg.region_code')}) rp)
       SELECT p.project_code, best.code FROM p JOIN best USING (region_code)`,
      [projectCodes],
    );
    const codes = [...new Set(links.map((l) => l.code))];
    const rows: ProfileRow[] = await manager.query(`SELECT code, name, version, thresholds FROM region_profiles WHERE code = ANY($1::text[])`, [codes]);
    const byCode = new Map(rows.map((r) => [r.code, toResolved(r)]));
    return links.flatMap((l) => {
      const profile = byCode.get(l.code);
      return profile ? [{ projectCode: l.project_code, profile }] : [];
    });
  }

  list(): Promise<RegionProfile[]> {
    return this.dataSource.getRepository(RegionProfile).find({ order: { code: 'ASC' } });
  }

  async get(code: string): Promise<RegionProfile> {
    const found = await this.dataSource.getRepository(RegionProfile).findOneBy({ code });
    if (!found) throw new NotFoundException(`region profile ${code} not found`);
    return found;
  }

  async history(code: string): Promise<RegionProfileVersion[]> {
    return this.dataSource.getRepository(RegionProfileVersion).find({ where: { code }, order: { version: 'DESC' } });
  }

  /**
   * Creates the profile (version 1) or replaces its name/thresholds with version + 1.
   * The row is locked so that two concurrent edits get consecutive versions; every
   * version lands in region_profile_versions.
   */
  async upsert(code: string, name: string, thresholds: RuleThresholds, changedBy: string | null): Promise<RegionProfile> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(RegionProfile);
      const current = await repo.findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      const version = current ? current.version + 1 : 1;
      const saved = await repo.save(repo.create({ code, name, version, thresholds, updatedBy: changedBy }));
      await m.getRepository(RegionProfileVersion).insert({ code, version, name, thresholds, changedBy });
      return saved;
    });
  }
}
