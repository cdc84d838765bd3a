import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs } from '../units/ui.tsx';
import { libraryText } from './library-text.ts';
import type { TextPart } from './library-types.ts';
import { Linked } from './ui.tsx';

export type ProcedureProps = {
  code: string;
  name: string;
  facts: {
    field: string | null;
    level: string;
    agency: string | null;
    authority: string | null;
    applicants: string | null;
    decisionNo: string | null;
  };
  steps: TextPart[][];
  channels: { channel: string; time: string; fee: string }[];
  documents: { name: TextPart[]; quantity: string | null; forms: string[] }[];
  conditions: TextPart[] | null;
  result: string | null;
  legalBasis: { label: string; href: string | null; title: string | null }[];
  legalBasisText: string | null;
  url: string | null;
};

function ProcedurePage(p: ProcedureProps & { lang: Lang }) {
  const text = libraryText[p.lang];
  const f = p.facts;
  return (
    <div className="container page library reading">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/', label: text.home },
          { href: '/thu-vien', label: text.library },
          { href: '/thu-vien/thu-tuc', label: text.procedures },
          { label: p.code },
        ]}
      />
      <h1 className="page-heading">{p.name}</h1>
      <dl className="facts">
        <div>
          <dt>{text.code}</dt>
          <dd>{p.code}</dd>
        </div>
        {f.field && (
          <div>
            <dt>{text.field}</dt>
            <dd>
              <a href={`/thu-vien/thu-tuc?field=${encodeURIComponent(f.field)}`}>{f.field}</a>
            </dd>
          </div>
        )}
        <div>
          <dt>{text.procLevel}</dt>
          <dd>{f.level}</dd>
        </div>
        {f.agency && (
          <div>
            <dt>{text.agency}</dt>
            <dd>{f.agency}</dd>
          </div>
        )}
        {f.authority && (
          <div>
            <dt>{text.authority}</dt>
            <dd>{f.authority}</dd>
          </div>
        )}
        {f.applicants && (
          <div>
            <dt>{text.applicants}</dt>
            <dd>{f.applicants}</dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="section-title">
          {text.steps}
        </h2>
        <ol className="steps" data-testid="steps">
          {p.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps keep their order
            <li key={i} className="pre-line">
              <Linked parts={s} />
            </li>
          ))}
        </ol>
      </section>
      {p.channels.length > 0 && (
        <section aria-labelledby="ch-heading">
          <h2 id="ch-heading" className="section-title">
            {text.channels}
          </h2>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{text.channel}</th>
                  <th scope="col">{text.time}</th>
                  <th scope="col">{text.fee}</th>
                </tr>
              </thead>
              <tbody>
                {p.channels.map((c) => (
                  <tr key={c.channel + c.time}>
                    <td>{c.channel}</td>
                    <td>{c.time}</td>
                    <td>{c.fee}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {p.documents.length > 0 && (
        <section aria-labelledby="docs-heading">
          <h2 id="docs-heading" className="section-title">
            {text.documents}
          </h2>
          <ul className="doc-list">
            {p.documents.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: documents keep their order
              <li key={i}>
                <Linked parts={d.name} />
                {d.quantity && (
                  <span className="muted small">
                    {' '}
                    — {text.quantity}: {d.quantity}
                  </span>
                )}
                {d.forms.length > 0 && (
                  <span className="muted small">
                    {' '}
                    — {text.forms}: {d.forms.join(', ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.conditions && (
        <section aria-labelledby="cond-heading">
          <h2 id="cond-heading" className="section-title">
            {text.conditions}
          </h2>
          <p className="pre-line">
            <Linked parts={p.conditions} />
          </p>
        </section>
      )}
      {p.result && (
        <section aria-labelledby="res-heading">
          <h2 id="res-heading" className="section-title">
            {text.result}
          </h2>
          <p>{p.result}</p>
        </section>
      )}
      <section aria-labelledby="basis-heading">
        <h2 id="basis-heading" className="section-title">
          {text.legalBasis}
        </h2>
        <ul className="link-list" data-testid="legal-basis">
          {p.legalBasis.map((b) => (
            <li key={b.label}>
              {b.href ? (
                <a href={b.href}>{b.title ? `${b.title} ${b.label}` : b.label}</a>
              ) : (
                <span>
                  {b.label} <span className="muted small">({text.notInLibrary})</span>
                </span>
              )}
            </li>
          ))}
        </ul>
        {p.legalBasisText && <p className="muted small">{p.legalBasisText}</p>}
      </section>
      {p.url && (
        <p className="muted small">
          {text.source}:{' '}
          <a href={p.url} rel="external noopener">
            {text.portalSource}
          </a>
        </p>
      )}
    </div>
  );
}

export const libraryProcedurePage: PageDefinition<ProcedureProps> = {
  Component: ProcedurePage,
  meta: (p, lang) => ({ title: `${p.name} — ${libraryText[lang].procedures}`, description: `${p.code}: ${p.name}` }),
};
