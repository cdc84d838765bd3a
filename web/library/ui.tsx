import type { Lang } from '../shared/i18n.ts';
import { fill, formatIsoDate, libraryText } from './library-text.ts';
import type { DocSummary, Segment, Status, TextPart } from './library-types.ts';

export function StatusBadge({ status, date, lang }: { status: Status; date?: string | null; lang: Lang }) {
  const text = libraryText[lang];
  return (
    <span className={`status-badge status-badge--${status}`} data-status={status}>
      {text[`status_${status}`]}
      {date && status !== 'in_force' ? ` ${fill(text.since, { date: formatIsoDate(date) })}` : ''}
    </span>
  );
}

export function Linked({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.href ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed split of one text
          <a key={i} href={p.href} className="ref-link">
            {p.t}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed split of one text
          <span key={i}>{p.t}</span>
        ),
      )}
    </>
  );
}

export function Passage({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed split of one passage
        s.m ? <mark key={i}>{s.t}</mark> : <span key={i}>{s.t}</span>,
      )}
    </>
  );
}

export function DocFacts({ doc, lang, compact }: { doc: DocSummary; lang: Lang; compact?: boolean }) {
  const text = libraryText[lang];
  if (compact)
    return (
      <>
        <p className="doc-line" data-testid="doc-facts">
          {doc.number && <span>{doc.number}</span>}
          <span>
            {text.issued.toLowerCase()} {formatIsoDate(doc.issuedDate)}
          </span>
          <StatusBadge status={doc.status} date={doc.statusDate} lang={lang} />
        </p>
        {doc.replacedBy && (
          <p className="notice notice--info" data-testid="replaced-by">
            {text.replacedBy}:{' '}
            <a href={`/thu-vien/luat/${doc.replacedBy.id}`}>
              {doc.replacedBy.title}
              {doc.replacedBy.number ? ` ${doc.replacedBy.number}` : ''}
            </a>
          </p>
        )}
      </>
    );
  return (
    <>
      <dl className="facts" data-testid="doc-facts">
        <div>
          <dt>{text.number}</dt>
          <dd>{doc.number ?? '—'}</dd>
        </div>
        <div>
          <dt>{text.issuer}</dt>
          <dd>{doc.issuer}</dd>
        </div>
        <div>
          <dt>{text.issued}</dt>
          <dd>{formatIsoDate(doc.issuedDate)}</dd>
        </div>
        <div>
          <dt>{text.effective}</dt>
          <dd>{formatIsoDate(doc.effectiveDate)}</dd>
        </div>
        <div>
          <dt>{text.status}</dt>
          <dd>
            <StatusBadge status={doc.status} date={doc.statusDate} lang={lang} />
          </dd>
        </div>
      </dl>
      {doc.replacedBy && (
        <p className="notice notice--info" data-testid="replaced-by">
          {text.replacedBy}:{' '}
          <a href={`/thu-vien/luat/${doc.replacedBy.id}`}>
            {doc.replacedBy.title}
            {doc.replacedBy.number ? ` ${doc.replacedBy.number}` : ''}
          </a>
        </p>
      )}
      {doc.statusNote && <p className="muted small">{doc.statusNote}</p>}
    </>
  );
}

export function docLabel(d: { title: string; number: string | null }): string {
  return d.number ? `${d.title} số ${d.number}` : d.title;
}
