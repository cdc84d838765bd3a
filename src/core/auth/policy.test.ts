import { describe, expect, it } from 'vitest';
import { authorize, can, scopeFilter } from './policy.ts';
import type { Principal } from './principal.ts';

const communeFront: Principal = {
  accountId: 'a1',
  displayName: 'Cán bộ xã',
  unitCode: '00004',
  unitPath: 'vn.01.00004',
  unitLevel: 'commune',
  orgType: 'front',
  roles: ['data_entry'],
};
const communeWomen: Principal = { ...communeFront, orgType: 'womens_union' };

describe('the one policy function', () => {
  it('allows the own unit and its villages, never a sibling, the parent or another province', () => {
    expect(can(communeFront, 'edit', { unitPath: 'vn.01.00004' })).toBe(true);
    expect(can(communeFront, 'edit', { unitPath: 'vn.01.00004.0001' })).toBe(true);
    expect(can(communeFront, 'view', { unitPath: 'vn.01.00008' })).toBe(false);
    expect(can(communeFront, 'view', { unitPath: 'vn.01' })).toBe(false);
    expect(can(communeFront, 'view', { unitPath: 'vn.79.26734' })).toBe(false);
    // A code that merely starts with the same digits is not inside the subtree.
    expect(can(communeFront, 'view', { unitPath: 'vn.01.000041' })).toBe(false);
  });

  it('narrows an organisation account to its own organisation type', () => {
    expect(can(communeWomen, 'edit', { unitPath: 'vn.01.00004', orgType: 'womens_union' })).toBe(true);
    expect(can(communeWomen, 'edit', { unitPath: 'vn.01.00004', orgType: 'farmers_union' })).toBe(false);
    expect(can(communeFront, 'edit', { unitPath: 'vn.01.00004', orgType: 'farmers_union' })).toBe(true);
    // Unit-level data: every organisation reads it, only the Front changes it.
    expect(can(communeWomen, 'view', { unitPath: 'vn.01.00004' })).toBe(true);
    expect(can(communeWomen, 'edit', { unitPath: 'vn.01.00004' })).toBe(false);
  });

  it('requires a role that grants the action', () => {
    const viewer = { ...communeFront, roles: ['viewer' as const] };
    expect(can(viewer, 'view', { unitPath: 'vn.01.00004' })).toBe(true);
    expect(can(viewer, 'edit', { unitPath: 'vn.01.00004' })).toBe(false);
    expect(can(null, 'view', { unitPath: 'vn.01.00004' })).toBe(false);
  });

  it('answers 404 for forbidden and 401 for anonymous', () => {
    expect(() => authorize(communeFront, 'view', { unitPath: 'vn.01.00008' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => authorize(null, 'view', { unitPath: 'vn.01.00004' })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
  });

  it('gives repos the subtree and organisation filter', () => {
    expect(scopeFilter(communeFront)).toEqual({ pathPrefix: 'vn.01.00004', orgType: null });
    expect(scopeFilter(communeWomen)).toEqual({ pathPrefix: 'vn.01.00004', orgType: 'womens_union' });
  });
});
