import { callerScope, ScopeSql } from '@wage/alerts';
import { Principal } from '@wage/auth';

/**
 * Which notices a caller may see, as a SQL predicate on alias `n` with its parameters
 * appended after `offset` existing ones (CallerScope of @wage/alerts decides): bureau
 * officers their bureau; inspectors and brigade leads notices carrying an alert of their
 * unit or its teams; admins and auditors all.
 */
export function noticeScope(principal: Principal, offset: number): ScopeSql {
  return callerScope(principal).notices('n', offset + 1);
}

/**
 * Which items of a visible notice the caller sees, as a predicate on alias `i`
 * (notice_items): an inspector admitted by one item sees only their own unit's items,
 * in JSON, in the counts and in the printed document. No principal (the webhook to the
 * addressed bureau) means the whole notice.
 */
export function noticeItemScope(principal: Principal | null, offset: number): ScopeSql {
  return principal ? callerScope(principal).noticeItems('i', offset + 1) : { sql: 'TRUE', params: [] };
}
