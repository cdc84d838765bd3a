import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/context.ts';
export function registerReportPages(_app: FastifyInstance, _ctx: AppContext): void {}
