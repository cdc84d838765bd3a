/** Props shared by the library's pages (plain JSON, server to browser). */

export type TextPart = { t: string; href?: string };
export type Segment = { t: string; m?: true };

export type ArticleBlock = { anchor: string | null; label: string | null; level: 0 | 1 | 2; parts: TextPart[] };

export type Status = 'in_force' | 'partly_expired' | 'expired' | 'not_yet_in_force';

export type DocSummary = {
  id: string;
  number: string | null;
  title: string;
  docType: string;
  issuer: string;
  issuedDate: string | null;
  effectiveDate: string | null;
  status: Status;
  statusDate: string | null;
  statusNote: string | null;
  replacedBy: { id: string; title: string; number: string | null } | null;
  field: string | null;
  qualityNote: string | null;
  articleGaps: number[];
};

export type RelationLink = { kind: string; label: string; href: string | null; articles: string[] };

export type SearchHitView = {
  kind: 'document' | 'article' | 'procedure';
  url: string;
  title: string;
  documentNumber: string | null;
  documentTitle: string | null;
  documentStatus: Status | null;
  field: string | null;
  level: string | null;
  passage: Segment[];
};
