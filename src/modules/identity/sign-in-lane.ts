import { availableParallelism } from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isInProcessRequest } from './in-process-fetch.ts';

/** How many sign-in requests are served at once; the others wait their turn (first come, first served). */
export const SIGN_IN_LANE_WIDTH = Math.max(2, availableParallelism());

const SIGN_IN_PATHS = ['/oidc/', '/oidc?', '/dang-nhap/sso/', '/apps/'];
/**
 * Not in the lane: requests that wait on another server while they would hold a place — the VNeID broker (the
 * upstream's token endpoint) and the provider's sign-out (back-channel logout to third-party clients). A slow
 * upstream must not stall everyone's sign-in.
 */
const WAITS_ON_OTHERS = ['/oidc/session/end'];
const isSignIn = (url: string) =>
  (url === '/oidc' || SIGN_IN_PATHS.some((p) => url.startsWith(p))) && !WAITS_ON_OTHERS.some((p) => url.startsWith(p));

/**
 * A lane for sign-in traffic (the provider, the sign-in pages, the apps' login and callback): at most
 * SIGN_IN_LANE_WIDTH of these requests are in progress at once, so a wave of logins queues before its work
 * reaches the event loop, and a public page arriving meanwhile waits behind a few sign-in steps at most, not
 * behind hundreds. The calls the platform makes to itself (token exchange, back-channel logout) skip the lane:
 * they run inside a request that already holds a place, and waiting for a second place could deadlock.
 */
export function installSignInLane(scope: FastifyInstance, width = SIGN_IN_LANE_WIDTH): void {
  let inProgress = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inProgress--;
  };
  scope.addHook('onRequest', async (req: FastifyRequest, reply) => {
    if (!isSignIn(req.url) || isInProcessRequest(req)) return;
    if (inProgress < width) inProgress++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    // The place is given back when the response ends or the connection closes, whichever comes first.
    let held = true;
    reply.raw.once('close', () => {
      if (held) {
        held = false;
        release();
      }
    });
  });
}
