export const ORG_TYPES = ['front', 'trade_union', 'youth_union', 'womens_union', 'farmers_union', 'veterans'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ROLES = [
  'admin',
  'data_entry',
  'approver',
  'petition_handler',
  'viewer',
  'auditor',
  'authority',
  'librarian',
] as const;
export type Role = (typeof ROLES)[number];

export type UnitLevel = 'central' | 'province' | 'commune' | 'village';

/** Who is acting: a staff account of an organisation at a unit, with its roles. */
export type Principal = {
  accountId: string;
  displayName: string;
  unitCode: string;
  /** ltree path of the account's unit, e.g. `vn.01.00004`; the account's scope is this subtree. */
  unitPath: string;
  unitLevel: UnitLevel;
  orgType: OrgType;
  roles: Role[];
};
