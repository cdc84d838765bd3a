import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Notice } from '../units/ui.tsx';
import { vnDate } from './format.ts';

export type MyCasesProps = {
  /** The citizen signed in with VNeID, or null. */
  citizen: { name: string } | null;
  /** Where "Đăng nhập bằng VNeID" leads, when VNeID is configured; null otherwise. */
  signInHref: string | null;
  cases: { id: number; title: string; status: string; statusLabel: string; unitName: string; receivedAt: string }[];
};

const text = {
  vi: {
    title: 'Phản ánh của tôi',
    lead: 'Các phản ánh, kiến nghị bạn đã gửi khi đăng nhập bằng tài khoản định danh điện tử VNeID.',
    signedIn: 'Đã đăng nhập: {name}.',
    signOut: 'Đăng xuất',
    signIn: 'Đăng nhập bằng VNeID',
    signInLead:
      'Đăng nhập bằng VNeID để xem mọi phản ánh bạn đã gửi khi đăng nhập. Phản ánh gửi khi chưa đăng nhập vẫn tra cứu được bằng mã tra cứu.',
    noVneid: 'Chức năng đăng nhập bằng VNeID chưa được bật. Hãy tra cứu phản ánh bằng mã tra cứu đã nhận khi gửi.',
    track: 'Tra cứu bằng mã',
    none: 'Bạn chưa gửi phản ánh nào khi đăng nhập.',
    send: 'Gửi phản ánh mới',
    colTitle: 'Phản ánh',
    colStatus: 'Trạng thái',
    colReceived: 'Ngày gửi',
    sentTo: 'Gửi đến',
    follow: 'Theo dõi',
  },
  en: {
    title: 'My cases',
    lead: 'The feedback you sent while signed in with your VNeID digital identity.',
    signedIn: 'Signed in: {name}.',
    signOut: 'Sign out',
    signIn: 'Sign in with VNeID',
    signInLead:
      'Sign in with VNeID to see every case you sent while signed in. Cases sent without signing in can still be followed with their tracking code.',
    noVneid: 'Signing in with VNeID is not enabled. Follow your case with the tracking code you received.',
    track: 'Follow with a code',
    none: 'You have not sent any case while signed in.',
    send: 'Send new feedback',
    colTitle: 'Case',
    colStatus: 'Status',
    colReceived: 'Sent on',
    sentTo: 'Sent to',
    follow: 'Follow',
  },
};

function MyCasesPage(props: MyCasesProps & { lang: Lang }) {
  const t = text[props.lang];
  return (
    <div className="container page narrow-content">
      <h1 className="page-heading">{t.title}</h1>
      {!props.citizen ? (
        <section className="card panel" data-testid="my-cases-sign-in">
          {props.signInHref ? (
            <>
              <p>{t.signInLead}</p>
              <p>
                <a className="button button--red" href={props.signInHref}>
                  {t.signIn}
                </a>
              </p>
            </>
          ) : (
            <Notice kind="info">{t.noVneid}</Notice>
          )}
          <p>
            <a href="/phan-anh/tra-cuu">{t.track}</a>
          </p>
        </section>
      ) : (
        <>
          <p className="muted">{t.lead}</p>
          <div className="petition-my-cases__who">
            <span data-testid="my-cases-citizen">{t.signedIn.replace('{name}', props.citizen.name)}</span>
            <form method="post" action="/apps/pakn/logout" className="inline-form">
              <button type="submit" className="button button--outline button--small">
                {t.signOut}
              </button>
            </form>
          </div>
          {props.cases.length === 0 ? (
            <p className="empty">{t.none}</p>
          ) : (
            <ul className="petition-my-cases" data-testid="my-cases">
              {props.cases.map((c) => (
                <li key={c.id} className="card petition-my-cases__item">
                  <a href={`/phan-anh/cua-toi/${c.id}`} className="petition-my-cases__title">
                    {c.title}
                  </a>
                  <div className="petition-my-cases__meta">
                    <span className="tag">{c.statusLabel}</span>
                    <span className="muted small">
                      {t.colReceived}: {vnDate(c.receivedAt)} · {t.sentTo}: {c.unitName}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a className="button button--red" href="/phan-anh/gui">
              {t.send}
            </a>
          </p>
        </>
      )}
    </div>
  );
}

export const myCasesPage: PageDefinition<MyCasesProps> = {
  Component: MyCasesPage,
  meta: (_p, lang) => ({ title: text[lang].title, description: text[lang].lead }),
};
