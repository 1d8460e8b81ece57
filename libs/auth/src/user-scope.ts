import { Role } from './roles';

/**
 * workflow.md: a user belongs to one unit or one bureau (admins and auditors to none).
 * Returns the problems with a role/scope combination, empty when it is valid.
 */
export function userScopeProblems(role: Role, unitCode: string | null, bureauCode: string | null): string[] {
  const problems: string[] = [];
  const needsUnit = role === Role.Inspector || role === Role.BrigadeLead;
  const needsBureau = role === Role.BureauOfficer;
  if (role === Role.Submitter) problems.push('role submitter is for API keys, not users: create one with POST /api/v1/api-keys');
  if (needsUnit && !unitCode) problems.push(`unitCode is required for role ${role} (the inspection unit the user works in)`);
  if (!needsUnit && unitCode) problems.push(`unitCode is only for roles inspector and brigade_lead, not ${role}`);
  if (needsBureau && !bureauCode) problems.push('bureauCode is required for role bureau_officer (the industry bureau the user works in)');
  if (!needsBureau && bureauCode) problems.push(`bureauCode is only for role bureau_officer, not ${role}`);
  return problems;
}
