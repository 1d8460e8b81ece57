import { Module } from '@nestjs/common';
import { ProjectRiskService } from './project-risk.service';
import { ProjectQueryService } from './project-query.service';
import { ProjectsController } from './projects.controller';

/** Project read API (risk, parties, money summary) and the project risk table. */
@Module({
  controllers: [ProjectsController],
  providers: [ProjectRiskService, ProjectQueryService],
  exports: [ProjectRiskService],
})
export class ProjectsModule {}
