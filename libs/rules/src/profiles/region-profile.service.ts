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
  project_code?: string;
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

  /** Profiles of many projects in one query (no N+1). Unknown project codes are absent. */
  async resolveForProjects(manager: EntityManager, projectCodes: string[]): Promise<ProjectProfile[]> {
    const rows: ProfileRow[] = await manager.query(
      `SELECT p.project_code, rp.*
         FROM projects p
         CROSS JOIN LATERAL (${BEST_PROFILE.replace('$REGION', 'p.region_code::text')}) rp
        WHERE p.project_code = ANY($1::text[])`,
      [projectCodes],
    );
    return rows.map((r) => ({ projectCode: r.project_code as string, profile: toResolved(r) }));
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
