import { Principal } from '@wage/auth';
import { AlertScopeSql } from './alert-scope';
import { callerScope } from './caller-scope';

/** Compatibility wrapper: the clue condition lives in CallerScope.clues (the one scope mechanism). */
export function clueScopeSql(principal: Principal, alias: string, firstParam: number): AlertScopeSql {
  return callerScope(principal).clues(alias, firstParam);
}
