import path from 'node:path';
import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** HTTP ceiling of the runtime: what Node's own http module serves on this machine. */
export default defineBenchmark<ChildServer>({
  name: 'http-node-bare',
  description: 'GET / on a bare node:http server returning a constant JSON body',
  setup: (ctx) => ctx.startServer({ script: path.resolve(import.meta.dirname, '../servers/bare-http.ts') }),
  run: (ctx, server) => ctx.httpLoad(`${server.url}/`),
});
