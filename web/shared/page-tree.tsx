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
  const { Component } = definition;
  return (
    <PageFrame chrome={chrome}>
      <Component {...props} lang={chrome.lang} />
    </PageFrame>
  );
}
