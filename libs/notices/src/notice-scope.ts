import { Principal, Role } from '@wage/auth';

/**
 * Which notices a caller may see, as a SQL predicate on alias `n` with its parameters
 * appended after `offset` existing ones. Bureau officers: their bureau only. Inspectors
 * and brigade leads: notices carrying an alert routed to their unit or one of its teams.
 * Admins and auditors: all.
 */
export function noticeScope(principal: Principal, offset: number): { sql: string; params: unknown[] } {
  if (principal.role === Role.Admin || principal.role === Role.Auditor) return { sql: 'TRUE', params: [] };
  if (principal.role === Role.BureauOfficer) {
    return { sql: `n.bureau_code = $${offset + 1}`, params: [principal.bureauCode ?? ''] };
  }
  if (principal.role === Role.BrigadeLead || principal.role === Role.Inspector) {
    return {
      sql: `EXISTS (SELECT 1 FROM notice_items si JOIN alerts sa ON sa.id = si.alert_id
                    WHERE si.notice_id = n.id
                      AND (sa.unit_code = $${offset + 1}
                           OR sa.unit_code IN (SELECT unit_code FROM inspection_units WHERE parent_unit_code = $${offset + 1})))`,
      params: [principal.unitCode ?? ''],
    };
  }
  return { sql: 'FALSE', params: [] };
}
