import type { Generated } from 'kysely';
import type { OrgType, UnitLevel } from '../../core/auth/principal.ts';

export type UnitTables = {
  unit: {
    id: Generated<number>;
    code: string;
    level: UnitLevel;
    is_demo: Generated<boolean>;
    created_at: Generated<Date>;
  };
  unit_version: {
    id: Generated<number>;
    unit_id: number;
    code: string;
    level: UnitLevel;
    province_code: string | null;
    parent_id: number | null;
    path: string;
    name: string;
    type: string;
    full_name: string;
    sort_order: Generated<number>;
    valid_from: string;
    valid_to: string | null;
    legal_basis: string | null;
    is_demo: Generated<boolean>;
  };
  unit_succession: {
    id: Generated<number>;
    predecessor_id: number;
    successor_id: number;
    kind: 'merge' | 'split';
    effective: string;
    legal_basis: string;
    created_at: Generated<Date>;
  };
  unit_reference_load: { dataset: string; checksum: string; loaded_at: Generated<Date> };
  organisation: {
    id: Generated<number>;
    unit_id: number;
    org_type: OrgType;
    name: string;
    province_code: string | null;
    valid_from: string;
    valid_to: string | null;
    is_demo: Generated<boolean>;
  };
};

/** A unit as the API and other modules see it (one version of it). */
export type Unit = {
  id: number;
  code: string;
  level: UnitLevel;
  type: string;
  name: string;
  fullName: string;
  path: string;
  parentId: number | null;
  parentCode: string | null;
  provinceCode: string | null;
  sortOrder: number;
  validFrom: string;
  validTo: string | null;
  legalBasis: string | null;
};

export type Organisation = { id: number; unitId: number; orgType: OrgType; name: string };
