export { ProjectRisk } from './project-risk.entity';
export { ProjectRiskService } from './project-risk.service';
export { fenToYuan } from '@wage/money';
export { ProjectsModule } from './projects.module';
