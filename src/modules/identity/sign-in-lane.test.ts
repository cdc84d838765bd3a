import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createInProcessFetch } from './in-process-fetch.ts';
import { installSignInLane } from './sign-in-lane.ts';

/** A server whose sign-in step waits until the test lets it finish, with the lane one request wide. */
async function laneApp() {
  const app = Fastify();
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  await app.register(async (scope) => {
    installSignInLane(scope, 1);
    scope.get('/apps/csdl/callback', async (req) => {
      const who = String((req.query as { who: string }).who);
      started.push(who);
      await new Promise<void>((resolve) => finish.set(who, resolve));
      return { who };
    });
    scope.get('/oidc/session/end', async () => ({ signOut: true }));
  });
  app.get('/', async () => ({ page: 'public' }));
  await app.ready();
  return { app, started, finish };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the sign-in lane', () => {
  it('queues sign-in requests beyond its width, first come first served, and never public pages', async () => {
    const { app, started, finish } = await laneApp();
    const first = app.inject('/apps/csdl/callback?who=a');
    await tick();
    const second = app.inject('/apps/csdl/callback?who=b');
    await tick();
    expect(started).toEqual(['a']); // b waits for a's place
    expect((await app.inject('/')).json()).toEqual({ page: 'public' });
    expect((await app.inject('/oidc/session/end')).json()).toEqual({ signOut: true }); // not in the lane
    finish.get('a')!();
    expect((await first).json()).toEqual({ who: 'a' });
    await tick();
    expect(started).toEqual(['a', 'b']);
    finish.get('b')!();
    expect((await second).json()).toEqual({ who: 'b' });
    await app.close();
  });

  it("lets the platform's calls to itself through while the lane is full", async () => {
    const { app, started, finish } = await laneApp();
    const outside = app.inject('/apps/csdl/callback?who=a');
    await tick();
    const self = createInProcessFetch(() => app, 'http://localhost')('http://localhost/apps/csdl/callback?who=self');
    await tick();
    expect(started).toEqual(['a', 'self']);
    finish.get('self')!();
    expect(await (await self).json()).toEqual({ who: 'self' });
    finish.get('a')!();
    await outside;
    await app.close();
  });
});
