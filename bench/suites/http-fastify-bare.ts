import path from 'node:path';
import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** HTTP ceiling of the framework: one Fastify route, no plugins, no logger. */
export default defineBenchmark<ChildServer>({
  name: 'http-fastify-bare',
  description: 'GET / on a bare Fastify 5 app (no plugins, logger off) returning a constant',
  baseline: 'http-node-bare',
  setup: (ctx) => ctx.startServer({ script: path.resolve(import.meta.dirname, '../servers/bare-fastify.ts') }),
  run: (ctx, server) => ctx.httpLoad(`${server.url}/`),
});
