import './styles/index.css';
import { hydrateRoot } from 'react-dom/client';
import { isPageName, pages } from './pages.ts';
import type { PageDefinition } from './shared/page.ts';
import { PAGE_DATA_ID, type PageData } from './shared/page-data.ts';
import { PageTree } from './shared/page-tree.tsx';

/** Progressive enhancement: the server already rendered a working page; this only makes it interactive. */
async function hydratePage(): Promise<void> {
  const dataElement = document.getElementById(PAGE_DATA_ID);
  const root = document.getElementById('app');
  if (!dataElement?.textContent || !root) return;
  const data = JSON.parse(dataElement.textContent) as PageData;
  if (!isPageName(data.page)) return;
  const definition = (await pages[data.page]()) as PageDefinition<unknown>;
  hydrateRoot(root, <PageTree definition={definition} props={data.props} chrome={data.chrome} />);
}

void hydratePage();
