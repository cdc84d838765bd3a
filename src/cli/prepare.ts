import { buildFrontEndIfStale } from '../../web/tools/front-end-build.ts';
import { ensurePgliteTemplate } from '../core/db/pglite-template.ts';

/**
 * Runs at `npm install` (the npm "prepare" step): builds the web front end and prepares an empty embedded
 * database cluster, so that the first `npm start` does neither.
 */
buildFrontEndIfStale();
const template = await ensurePgliteTemplate();
console.log(`Embedded database template ready: ${template}`);
