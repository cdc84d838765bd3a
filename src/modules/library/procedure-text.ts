type ProcedureFields = {
  name: string;
  field: string | null;
  implementing_agency: string | null;
  competent_authority: string | null;
  ministry: string | null;
  steps: string[];
  documents: { name?: string }[];
  conditions: string | null;
  result: string | null;
  applicants: string | null;
};

/** "Cấp bộ, Cấp tỉnh" → the levels as the filters name them. */
export const PROCEDURE_LEVELS = ['Cấp bộ', 'Cấp tỉnh', 'Cấp xã', 'Cơ quan khác'] as const;

/** What the search index reads of a procedure besides its name: field, what one does, agencies (as the vector). */
export function procedureSearchText(p: Omit<ProcedureFields, 'name'>): string {
  return [
    p.field ?? '',
    p.steps.join('\n').slice(0, 1500),
    ...p.documents.map((d) => d?.name ?? ''),
    p.result ?? '',
    [p.implementing_agency, p.competent_authority, p.ministry, p.applicants].filter(Boolean).join('. '),
  ].join('\n');
}
