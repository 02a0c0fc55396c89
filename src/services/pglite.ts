import { freePort } from './ports.js';
import type { ServiceProvider } from './service-provider.js';

/**
 * 4. Embedded: PGlite (with pgvector) in roadmap's own process, served over the Postgres protocol by pglite-socket.
 * In memory and in-process, it cannot outlive roadmap; its stop closes the socket and the database.
 */
export const embeddedPostgres: ServiceProvider = {
  source: 'embedded',
  async resolve(deps) {
    const [{ PGlite }, { vector }, { PGLiteSocketServer }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-pgvector'),
      import('@electric-sql/pglite-socket'),
    ]);
    const db = await PGlite.create({ extensions: { vector } });
    const port = await freePort();
    const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
    await server.start();
    const stopping = deps.lifecycle.defer(async () => {
      await server.stop();
      await db.close();
    }, `stop PGlite on port ${port}`);
    return {
      name: 'postgres',
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      source: 'embedded',
      detail: `PGlite (in memory, with pgvector) over pglite-socket on port ${port}; one connection at a time`,
      stop: () => stopping.release(),
    };
  },
  async choose() {
    return { detail: 'PGlite over pglite-socket (in memory)' };
  },
};

/** There is no embedded Redis: said as a source passed over, so the last line says how to get one. */
export const noEmbeddedRedis: ServiceProvider = {
  source: 'embedded',
  resolve: async () => 'embedded: there is no embedded Redis',
  choose: async () => 'embedded: there is no embedded Redis',
};
