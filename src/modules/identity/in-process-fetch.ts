import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Marks the requests this process dispatches to itself; the value is this process's secret, never sent out. */
const INTERNAL_HEADER = 'x-mts-in-process';
const internalToken = randomBytes(16).toString('base64url');
export const isInProcessRequest = (req: FastifyRequest) => req.headers[INTERNAL_HEADER] === internalToken;

/**
 * fetch for calls from the platform to itself (its apps to its provider, the provider's back-channel logout to
 * its apps): the same HTTP request, dispatched in process through Fastify's router instead of the network, so a
 * server behind a proxy or in a test never needs to reach its own public address. Other URLs go to the network.
 */
export function createInProcessFetch(getApp: () => FastifyInstance, publicUrl: string): typeof fetch {
  const base = new URL(publicUrl);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== base.origin) return fetch(input, init);
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((v, k) => {
      headers[k] = v;
    });
    headers.host = base.host;
    headers[INTERNAL_HEADER] = internalToken;
    let payload: string | Buffer | undefined;
    const body = init?.body ?? (input instanceof Request ? await input.text() : undefined);
    if (body instanceof URLSearchParams) {
      payload = body.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (typeof body === 'string') payload = body;
    else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) payload = Buffer.from(body as ArrayBuffer);
    const res = await getApp().inject({
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')) as 'GET',
      url: url.pathname + url.search,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const x of [v].flat()) out.append(k, String(x));
    }
    const status = res.statusCode;
    const noBody = status === 204 || status === 304 || (status >= 300 && status < 400 && !res.rawPayload.length);
    return new Response(noBody ? null : new Uint8Array(res.rawPayload), { status, headers: out });
  }) as typeof fetch;
}
