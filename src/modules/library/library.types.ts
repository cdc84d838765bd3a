/** The library's records as the service and pages see them. */

export const DOCUMENT_STATUSES = ['in_force', 'partly_expired', 'expired', 'not_yet_in_force'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const RELATION_KINDS = [
  'guides',
  'amends',
  'replaces',
  'repeals',
  'partly_repeals',
  'refers_to',
  'legal_basis',
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export type LibraryDocument = {
  id: string;
  number: string | null;
  title: string;
  docType: string;
  issuer: string;
  issuedDate: string | null;
  effectiveDate: string | null;
  status: DocumentStatus;
  statusDate: string | null;
  statusNote: string | null;
  replacedById: string | null;
  field: string | null;
  level: 'central' | 'province';
  unitPath: string;
  preamble: string;
  closing: string;
  source: string | null;
  qualityNote: string | null;
  articleGaps: number[];
  origin: 'corpus' | 'librarian';
  updatedAt: string;
};

export type Article = {
  documentId: string;
  articleNo: string;
  ordinal: number;
  heading: string;
  body: string;
  part: string | null;
  chapter: string | null;
  section: string | null;
};

export type Procedure = {
  code: string;
  name: string;
  ministry: string | null;
  implementingAgency: string | null;
  competentAuthority: string | null;
  level: string;
  levels: string[];
  field: string | null;
  procedureType: string | null;
  applicants: string | null;
  decisionNo: string | null;
  steps: string[];
  channels: { channel: string; processing_time: string | null; fee: string | null; note: string | null }[];
  processingTime: string[];
  fees: string[];
  documents: { name: string; quantity: string | null; forms: string[] | null }[];
  conditions: string | null;
  result: string | null;
  legalBasisCodes: string[];
  legalBasisText: string | null;
  url: string | null;
};

export type Relation = {
  id: number;
  sourceDocumentId: string;
  sourceArticleNo: string | null;
  kind: RelationKind;
  targetDocumentId: string | null;
  targetArticleNo: string | null;
  targetLabel: string;
  origin: 'auto' | 'librarian';
};
