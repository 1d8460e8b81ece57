import { monthLabel } from './dates';
import { GeneratorContext } from './options';
import { ExpectedAlert, ProjectPlan } from './plan-types';
import { hasBankFeed } from './reference-bank-rules';
import { expectedAlerts } from './reference-rules';
import { RULE_CODES, RuleCode, Severity, VariantId } from './variant-ids';

export interface ProblemProject {
  projectCode: string;
  regionCode: string;
  variants: VariantId[];
  /** The alerts a scan as of `asOf` raises for this project, per rules.md. */
  expected: ExpectedAlert[];
  /** Rules a scan may also raise where rules.md can be read two ways. */
  mayAlsoRaise: RuleCode[];
}

export interface Manifest {
  generator: 'wage-warning/libs/generator';
  version: 1;
  options: Record<string, unknown>;
  asOf: string;
  period: string;
  files: Record<string, { file: string; rows: number }>;
  projects: { total: number; byStatus: Record<string, number>; healthyActive: number; problem: number };
  /** Active projects with a bank feed as of asOf: what a scan reports as bankFeedProjects. */
  bankFeedProjects: number;
  problems: ProblemProject[];
  /** Healthy projects that would raise an alert (a generator bug when not empty). */
  unexpected: { projectCode: string; expected: ExpectedAlert[] }[];
  expectedAlerts: { total: number; byRule: Record<string, Partial<Record<Severity, number>>> };
}

/** Collects, project by project, what the manifest says about the generated data. */
export class ManifestBuilder {
  private readonly byStatus: Record<string, number> = {};
  private readonly problems: ProblemProject[] = [];
  private readonly unexpected: Manifest['unexpected'] = [];
  private readonly byRule: Manifest['expectedAlerts']['byRule'] = Object.fromEntries(RULE_CODES.map((c) => [c, {}]));
  private healthyActive = 0;
  private bankFeedProjects = 0;
  private total = 0;

  constructor(private readonly ctx: GeneratorContext) {}

  add(plan: ProjectPlan): void {
    this.byStatus[plan.status] = (this.byStatus[plan.status] ?? 0) + 1;
    const expected = expectedAlerts(plan, this.ctx.asOf);
    const active = plan.status === 'in_progress' || plan.status === 'suspended';
    if (active && hasBankFeed(plan, this.ctx.asOf)) this.bankFeedProjects++;
    for (const a of expected) {
      const counts = this.byRule[a.code];
      counts[a.severity] = (counts[a.severity] ?? 0) + 1;
      this.total++;
    }
    if (plan.variants.length > 0) {
      const mayAlsoRaise: RuleCode[] = expected.some((a) => a.code === 'PAYROLL_MISSING') ? ['BELOW_MIN_WAGE'] : [];
      this.problems.push({ projectCode: plan.code, regionCode: plan.district.code, variants: plan.variants, expected, mayAlsoRaise });
    } else if (active) {
      this.healthyActive++;
      if (expected.length > 0) this.unexpected.push({ projectCode: plan.code, expected });
    }
  }

  build(options: Record<string, unknown>, files: Manifest['files']): Manifest {
    return {
      generator: 'wage-warning/libs/generator',
      version: 1,
      options,
      asOf: this.ctx.asOf,
      period: monthLabel(this.ctx.period),
      files,
      projects: { total: this.ctx.projects, byStatus: this.byStatus, healthyActive: this.healthyActive, problem: this.problems.length },
      bankFeedProjects: this.bankFeedProjects,
      problems: this.problems,
      unexpected: this.unexpected,
      expectedAlerts: { total: this.total, byRule: this.byRule },
    };
  }
}
