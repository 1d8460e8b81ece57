/** The roles of workflow.md. Values are stored in the database: never rename. */
export enum Role {
  Admin = 'admin',
  BrigadeLead = 'brigade_lead',
  Inspector = 'inspector',
  BureauOfficer = 'bureau_officer',
  Submitter = 'submitter',
  Auditor = 'auditor',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);
