import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * Request logs keep the method, the path without its query string (queries can carry names or codes a
 * citizen typed), the route and the request id. Never bodies, cookies, tokens or client addresses.
 */
export function loggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    base: undefined,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.otp',
        '*.phone',
        '*.email',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: FastifyRequest) {
        return { method: req.method, path: req.url.split('?')[0], route: req.routeOptions?.url };
      },
      res(res: { statusCode: number }) {
        return { status: res.statusCode };
      },
    },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}
