import { Module } from '@nestjs/common';
import { RuleEngine } from './engine/rule-engine';
import { RegionProfileController } from './profiles/region-profile.controller';
import { RegionProfileService } from './profiles/region-profile.service';

/** The rule catalogue, the engine that evaluates it, and the region profiles it reads. */
@Module({
  controllers: [RegionProfileController],
  providers: [RuleEngine, RegionProfileService],
  exports: [RuleEngine, RegionProfileService],
})
export class RulesModule {}
