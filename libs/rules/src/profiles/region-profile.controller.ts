import { BadRequestException, Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@wage/auth';
import { PutRegionProfileDto } from './region-profile.dto';
import { RegionProfile } from './region-profile.entity';
import { RegionProfileVersion } from './region-profile-version.entity';
import { RegionProfileService } from './region-profile.service';
import { DEFAULT_THRESHOLDS, NATIONAL_PROFILE_CODE, withDefaults } from './thresholds';

const PROFILE_CODE = /^(national|\d{2}|\d{4}|\d{6})$/;

function checkCode(code: string): string {
  if (!PROFILE_CODE.test(code)) {
    throw new BadRequestException(`profile code must be '${NATIONAL_PROFILE_CODE}' or a 2-, 4- or 6-digit region prefix`);
  }
  return code;
}

@ApiTags('region-profiles')
@ApiBearerAuth()
@Controller('region-profiles')
export class RegionProfileController {
  constructor(private readonly profiles: RegionProfileService) {}

  @Get()
  @Roles(Role.Admin, Role.Auditor, Role.BrigadeLead)
  @ApiOperation({ summary: 'All region profiles (rule thresholds by region prefix)' })
  list(): Promise<RegionProfile[]> {
    return this.profiles.list();
  }

  @Get(':code')
  @Roles(Role.Admin, Role.Auditor, Role.BrigadeLead)
  @ApiOperation({ summary: 'One region profile with its version history' })
  async get(@Param('code') code: string): Promise<RegionProfile & { history: RegionProfileVersion[] }> {
    const profile = await this.profiles.get(checkCode(code));
    return { ...profile, history: await this.profiles.history(code) };
  }

  @Put(':code')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create or replace a region profile; bumps its version and keeps the old one' })
  put(@Param('code') code: string, @Body() body: PutRegionProfileDto, @CurrentPrincipal() who: Principal): Promise<RegionProfile> {
    if (body.thresholds.payRatioRedBelow > body.thresholds.payRatioThreshold) {
      throw new BadRequestException('payRatioRedBelow must not exceed payRatioThreshold');
    }
    // withDefaults: thresholds a client left out (added after it was written) are stored
    // with their default values, so the stored profile is complete.
    const sla = Object.fromEntries(Object.entries(body.thresholds.sla).filter(([, v]) => v !== undefined));
    const thresholds = withDefaults({ ...body.thresholds, sla: { ...DEFAULT_THRESHOLDS.sla, ...sla }, minimumMonthlyWageYuan: body.thresholds.minimumMonthlyWageYuan ?? null });
    return this.profiles.upsert(checkCode(code), body.name, thresholds, who.name);
  }
}
