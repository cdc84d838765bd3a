import type { Lang } from '../shared/i18n.ts';
import { fill, formatIsoDate } from './directory-text.ts';

/** A unit's versions (newest first) and its merge and split links, as the units module reads them. */
export type UnitHistory = {
  versions: {
    fullName: string;
    parentName: string | null;
    validFrom: string;
    validTo: string | null;
    legalBasis: string | null;
  }[];
  successions: {
    kind: 'merge' | 'split';
    /** 'from': this unit continues the other; 'to': the other continues this unit. */
    direction: 'from' | 'to';
    otherCode: string;
    otherName: string;
    effective: string;
    legalBasis: string;
  }[];
};

const text = {
  vi: {
    heading: 'Lịch sử của {name}',
    versions: 'Các trạng thái',
    from: 'Từ {date} (đến nay)',
    fromTo: '{from} – {to}',
    parentOf: 'thuộc {name}',
    basis: 'Căn cứ: {basis}',
    noBasis: 'Không ghi căn cứ',
    successions: 'Hợp nhất, chia tách',
    none: 'Chưa có lần hợp nhất, chia tách nào.',
    merge_from: 'Nhận hợp nhất {name} (mã {code})',
    merge_to: 'Hợp nhất vào {name} (mã {code})',
    split_from: 'Được lập khi chia tách {name} (mã {code})',
    split_to: 'Chia tách, lập {name} (mã {code})',
    when: 'Từ {date} · {basis}',
  },
  en: {
    heading: 'History of {name}',
    versions: 'States',
    from: 'From {date} (now)',
    fromTo: '{from} – {to}',
    parentOf: 'under {name}',
    basis: 'Basis: {basis}',
    noBasis: 'No basis recorded',
    successions: 'Merges and splits',
    none: 'No merge or split yet.',
    merge_from: 'Took in {name} (code {code})',
    merge_to: 'Merged into {name} (code {code})',
    split_from: 'Created by splitting {name} (code {code})',
    split_to: 'Split, creating {name} (code {code})',
    when: 'From {date} · {basis}',
  },
};

/** "Lịch sử": shown on the tree browser and on the reorganisation page. */
export function UnitHistorySection({ lang, history, name }: { lang: Lang; history: UnitHistory; name: string }) {
  const t = text[lang];
  return (
    <section className="card panel unit-history" aria-labelledby="history-heading" data-testid="unit-history">
      <h2 id="history-heading" className="panel__heading">
        {fill(t.heading, { name })}
      </h2>
      <h3 className="reorg-compare__heading">{t.successions}</h3>
      {history.successions.length ? (
        <ul className="reorg-history">
          {history.successions.map((s) => (
            <li key={`${s.kind}|${s.direction}|${s.otherCode}|${s.effective}`}>
              <strong>{fill(t[`${s.kind}_${s.direction}`], { name: s.otherName, code: s.otherCode })}</strong>
              <br />
              <span className="muted">{fill(t.when, { date: formatIsoDate(s.effective), basis: s.legalBasis })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      <h3 className="reorg-compare__heading">{t.versions}</h3>
      <ol className="reorg-history">
        {history.versions.map((v) => (
          <li key={v.validFrom}>
            <strong>
              {v.validTo
                ? fill(t.fromTo, { from: formatIsoDate(v.validFrom), to: formatIsoDate(v.validTo) })
                : fill(t.from, { date: formatIsoDate(v.validFrom) })}
            </strong>
            {`: ${v.fullName}${v.parentName ? `, ${fill(t.parentOf, { name: v.parentName })}` : ''}`}
            <br />
            <span className="muted">{v.legalBasis ? fill(t.basis, { basis: v.legalBasis }) : t.noBasis}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
