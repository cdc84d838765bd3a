import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Notice } from '../units/ui.tsx';
import { ORG_NAMES } from './reports-text.ts';

export type CadreRow = {
  id: number;
  fullName: string;
  gender: string;
  birthYear: number;
  ethnicity: string;
  position: string;
  fullTime: boolean;
  phone: string | null;
  partyMember: boolean;
  term: string | null;
};

export type CadresProps = StaffProps & {
  unitCode: string;
  organisationName: string;
  orgType: string;
  orgTypes: string[];
  items: CadreRow[];
  canEdit: boolean;
  flash: string | null;
  importErrors: { row: number; column: string; message: string }[] | null;
  error: string | null;
};

const text = {
  vi: {
    title: 'Danh sách cán bộ',
    name: 'Họ và tên',
    gender: 'Giới tính',
    born: 'Năm sinh',
    ethnicity: 'Dân tộc',
    position: 'Chức vụ',
    fullTime: 'Chuyên trách',
    phone: 'Điện thoại',
    party: 'Đảng viên',
    term: 'Nhiệm kỳ',
    yes: 'Có',
    no: 'Không',
    empty: 'Chưa có cán bộ nào trong danh sách.',
    import: 'Nhập từ Excel',
    replace: 'Thay toàn bộ danh sách hiện có',
    upload: 'Nhập tệp',
    template: 'Tải mẫu Excel',
    export: 'Xuất Excel',
    imported: 'Đã nhập danh sách cán bộ.',
    rowErrors: 'Tệp có dòng không hợp lệ; chưa có dòng nào được nhập:',
    row: 'Dòng',
    privacy:
      'Họ tên và số điện thoại là dữ liệu cá nhân: chỉ dùng cho công tác, mọi lần xem và xuất đều được ghi nhật ký.',
    genders: { nam: 'Nam', nu: 'Nữ', khac: 'Khác' } as Record<string, string>,
  },
  en: {
    title: 'Cadre list',
    name: 'Full name',
    gender: 'Gender',
    born: 'Born',
    ethnicity: 'Ethnicity',
    position: 'Position',
    fullTime: 'Full-time',
    phone: 'Phone',
    party: 'Party member',
    term: 'Term',
    yes: 'Yes',
    no: 'No',
    empty: 'No cadre in the list yet.',
    import: 'Import from Excel',
    replace: 'Replace the whole current list',
    upload: 'Import file',
    template: 'Download the Excel template',
    export: 'Export to Excel',
    imported: 'The cadre list was imported.',
    rowErrors: 'The file has invalid rows; nothing was imported:',
    row: 'Row',
    privacy: 'Names and phone numbers are personal data: for official use only; every view and export is logged.',
    genders: { nam: 'Male', nu: 'Female', khac: 'Other' } as Record<string, string>,
  },
};

function CadresPage(props: CadresProps & { lang: Lang }) {
  const { lang } = props;
  const t = text[lang];
  return (
    <div className="container page">
      <h1 className="page-heading">{t.title}</h1>
      <p className="lead">{props.organisationName}</p>
      <nav className="row-actions">
        {props.orgTypes.map((o) => (
          <a
            key={o}
            className="button button--outline"
            aria-current={o === props.orgType ? 'page' : undefined}
            href={`/bao-cao/can-bo?don-vi=${props.unitCode}&to-chuc=${o}`}
          >
            {ORG_NAMES[lang][o]}
          </a>
        ))}
      </nav>
      <p className="muted small">{t.privacy}</p>
      {props.flash && <Notice kind="success">{t.imported}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.importErrors && (
        <Notice kind="error">
          {t.rowErrors}
          <ul data-testid="import-errors">
            {props.importErrors.map((e) => (
              <li key={`${e.row}${e.column}${e.message}`}>
                {t.row} {e.row} — {e.column}: {e.message}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <p className="row-actions">
        <a
          className="button button--outline"
          href={`/api/reports/organisations/${props.unitCode}/${props.orgType}/cadres.xlsx`}
        >
          {t.export}
        </a>
        <a className="button button--outline" href="/api/reports/cadres/import-template.xlsx">
          {t.template}
        </a>
      </p>
      {props.items.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="cadre-table">
            <thead>
              <tr>
                {[t.name, t.gender, t.born, t.ethnicity, t.position, t.fullTime, t.phone, t.party, t.term].map((h) => (
                  <th scope="col" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.fullName}</th>
                  <td>{t.genders[c.gender]}</td>
                  <td>{c.birthYear}</td>
                  <td>{c.ethnicity}</td>
                  <td>{c.position}</td>
                  <td>{c.fullTime ? t.yes : t.no}</td>
                  <td className="nowrap">{c.phone ?? ''}</td>
                  <td>{c.partyMember ? t.yes : t.no}</td>
                  <td>{c.term ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canEdit && (
        <form
          method="post"
          encType="multipart/form-data"
          action={`/bao-cao/can-bo/nhap?don-vi=${props.unitCode}&to-chuc=${props.orgType}`}
          className="panel"
        >
          <h2 className="panel__heading">{t.import}</h2>
          <input type="file" name="file" accept=".xlsx" required />
          <label className="small">
            <input type="checkbox" name="replace" value="true" /> {t.replace}
          </label>
          <button type="submit" className="button button--red">
            {t.upload}
          </button>
        </form>
      )}
    </div>
  );
}

export const cadresPage: PageDefinition<CadresProps> = {
  Component: CadresPage,
  Frame: StaffFrame,
  meta: (_p, lang) => ({ title: `${text[lang].title} — ${siteName[lang]}`, description: text[lang].title }),
};
