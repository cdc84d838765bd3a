import type { AppModule } from '../../core/context.ts';

export const portalModule: AppModule = {
  name: 'portal',
  async routes(app) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><html lang="vi"><title>Mặt trận số</title><h1>Mặt trận số</h1></html>'),
    );
  },
};
