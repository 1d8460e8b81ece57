import { Injectable } from '@nestjs/common';
import type { Principal } from '@wage/auth';
import { alertScopeWhere } from '../alert-scope';

/** A SQL condition over the alias `a` (alerts) and its named parameters. */
export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Which alerts a caller may see, as a condition ANDed into every alert read query
 * (list, group-by, detail). The per-role rules live in ../alert-scope.ts (workflow.md
 * "Access"; maintained with the workflow library); parameter names start with `scope_`
 * so they never clash with filter parameters.
 */
@Injectable()
export class AlertScopeService {
  condition(principal: Principal): ScopeCondition {
    return alertScopeWhere(principal, 'a');
  }
}
