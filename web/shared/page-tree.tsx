import { PageFrame } from './layout.tsx';
import type { Chrome, PageDefinition } from './page.ts';

/** The one tree rendered on the server and hydrated in the browser; both sides must build it the same way. */
export function PageTree<P>({
  definition,
  props,
  chrome,
}: {
  definition: PageDefinition<P>;
  props: P;
  chrome: Chrome;
}) {
  const { Component, Frame } = definition;
  const page = <Component {...props} lang={chrome.lang} />;
  if (Frame) {
    return (
      <Frame chrome={chrome} props={props}>
        {page}
      </Frame>
    );
  }
  return <PageFrame chrome={chrome}>{page}</PageFrame>;
}
