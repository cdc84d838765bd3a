import type { ReactNode } from 'react';

export type Crumb = { href?: string; label: string };

/** "Trang chủ › Đơn vị › Thành phố Hà Nội": the last crumb is the current page. */
export function Breadcrumbs({ items, label }: { items: Crumb[]; label: string }) {
  return (
    <nav className="breadcrumbs" aria-label={label}>
      <ol>
        {items.map((c, i) => (
          <li key={`${c.href ?? ''}|${c.label}`}>
            {c.href && i < items.length - 1 ? (
              <a href={c.href}>{c.label}</a>
            ) : (
              <span aria-current={i === items.length - 1 ? 'page' : undefined}>{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A status message: success after a redirect, or the error that stopped a form. */
export function Notice({ kind, children }: { kind: 'success' | 'error' | 'info'; children: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Previous / next links of a paged list; plain links, so paging works without JavaScript. */
export function Pager(props: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  text: { previous: string; next: string; pageOf: string; label: string };
}) {
  const { page, pages, hrefFor, text } = props;
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={text.label}>
      {page > 1 ? (
        <a className="button button--outline" href={hrefFor(page - 1)} rel="prev">
          {text.previous}
        </a>
      ) : (
        <span />
      )}
      <span className="pager__status">
        {text.pageOf.replace('{page}', String(page)).replace('{pages}', String(pages))}
      </span>
      {page < pages ? (
        <a className="button button--outline" href={hrefFor(page + 1)} rel="next">
          {text.next}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Numbers as the Front writes them: 1.234 in Vietnamese, 1,234 in English. */
export function formatCount(n: number, lang: 'vi' | 'en'): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}
