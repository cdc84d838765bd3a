/** The signed-in cadre as the staff shell shows it (server-built, JSON-serialisable). */
export type StaffAccount = {
  displayName: string;
  unitCode: string;
  unitName: string;
  unitLevel: 'central' | 'province' | 'commune' | 'village';
  orgType: string;
  /** The proper name of the account's organisation at its unit, e.g. "Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình". */
  orgName: string;
  roles: string[];
};

/** Every staff page carries the account for the shell. */
export type StaffProps = { account: StaffAccount };
