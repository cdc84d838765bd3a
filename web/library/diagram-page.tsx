import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs } from '../units/ui.tsx';
import { RelationList } from './document-page.tsx';
import { libraryText } from './library-text.ts';
import type { DocSummary, RelationLink } from './library-types.ts';
import { StatusBadge } from './ui.tsx';

export type DiagramProps = { doc: DocSummary; incoming: RelationLink[]; outgoing: RelationLink[] };

const W = 340;
const BOX_H = 40;
const GAP = 10;

function cut(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function Box({ r, y, text }: { r: RelationLink; y: number; text: Record<string, string> }) {
  const body = (
    <>
      <title>{`${text[r.kind] ?? r.kind}: ${r.label}`}</title>
      <rect
        x={10}
        y={y}
        width={W - 20}
        height={BOX_H}
        rx={6}
        className={r.href ? 'dg-box dg-box--in' : 'dg-box dg-box--out'}
      />
      <text x={20} y={y + 16} className="dg-kind">
        {text[r.kind] ?? r.kind}
      </text>
      <text x={20} y={y + 32} className="dg-label">
        {cut(r.label, 44)}
      </text>
    </>
  );
  return r.href ? <a href={r.href}>{body}</a> : <g>{body}</g>;
}

/** The vbpl "lược đồ": documents pointing to this one above it, documents it points to below, drawn on the server. */
function Diagram({ doc, incoming, outgoing, lang }: DiagramProps & { lang: Lang }) {
  const text = libraryText[lang] as Record<string, string>;
  const topH = incoming.length * (BOX_H + GAP);
  const centerY = topH + 20;
  const bottomY = centerY + 60 + 20;
  const height = bottomY + outgoing.length * (BOX_H + GAP) + 10;
  return (
    <svg
      viewBox={`0 0 ${W} ${height}`}
      width="100%"
      role="img"
      aria-label={text.diagram}
      className="diagram"
      data-testid="diagram"
    >
      {incoming.map((r, i) => (
        <line
          key={`li${r.kind}${r.label}`}
          x1={W / 2}
          y1={i * (BOX_H + GAP) + BOX_H}
          x2={W / 2}
          y2={centerY}
          className="dg-line"
        />
      ))}
      {outgoing.map((r, i) => (
        <line
          key={`lo${r.kind}${r.label}`}
          x1={W / 2}
          y1={centerY + 60}
          x2={W / 2}
          y2={bottomY + i * (BOX_H + GAP)}
          className="dg-line"
        />
      ))}
      {incoming.map((r, i) => (
        <Box key={`i${r.kind}${r.label}`} r={r} y={i * (BOX_H + GAP)} text={text} />
      ))}
      <rect x={10} y={centerY} width={W - 20} height={60} rx={8} className="dg-center" />
      <text x={20} y={centerY + 22} className="dg-center-text">
        {cut(doc.title, 40)}
      </text>
      <text x={20} y={centerY + 44} className="dg-center-sub">
        {doc.number ?? ''} · {text[`status_${doc.status}`]}
      </text>
      {outgoing.map((r, i) => (
        <Box key={`o${r.kind}${r.label}`} r={r} y={bottomY + i * (BOX_H + GAP)} text={text} />
      ))}
    </svg>
  );
}

function DiagramPage(p: DiagramProps & { lang: Lang }) {
  const text = libraryText[p.lang];
  return (
    <div className="container page library">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/', label: text.home },
          { href: '/thu-vien', label: text.library },
          { href: `/thu-vien/luat/${p.doc.id}`, label: p.doc.number ?? p.doc.title },
          { label: text.diagram },
        ]}
      />
      <h1 className="page-heading">
        {text.diagram}: {p.doc.title}
      </h1>
      <p>
        <StatusBadge status={p.doc.status} date={p.doc.statusDate} lang={p.lang} />
      </p>
      <p className="lead">{text.diagramLead}</p>
      <Diagram {...p} />
      <h2 className="section-title">{text.relations}</h2>
      <RelationList relations={[...p.incoming, ...p.outgoing]} lang={p.lang} />
    </div>
  );
}

export const libraryDiagramPage: PageDefinition<DiagramProps> = {
  Component: DiagramPage,
  meta: (p, lang) => ({
    title: `${libraryText[lang].diagram}: ${p.doc.title}`,
    description: `${libraryText[lang].diagram} ${p.doc.title} ${p.doc.number ?? ''}`,
  }),
};
