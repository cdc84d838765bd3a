import { tsvectorLiteral } from './search-text.ts';

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

/** The weighted search vector of a procedure: name A, field B, what one does C, agencies D. */
export function procedureVector(p: ProcedureFields): string {
  return tsvectorLiteral([
    { text: p.name, weight: 'A' },
    { text: p.field ?? '', weight: 'B' },
    {
      text: [p.steps.join('\n').slice(0, 1500), ...p.documents.map((d) => d?.name ?? ''), p.result ?? ''].join('\n'),
      weight: 'C',
    },
    {
      text: [p.implementing_agency, p.competent_authority, p.ministry, p.applicants].filter(Boolean).join('. '),
      weight: 'D',
    },
  ]);
}

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
