import { defineConfig } from 'vite';

// One config, two builds: `vite build` makes the browser bundle (hashed files + manifest, read by the
// portal module to link the right script and stylesheet); `vite build --ssr` makes the server renderer
// that Node imports in production (the server itself runs .ts by type stripping and cannot load .tsx).
export default defineConfig(({ isSsrBuild }) => ({
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: isSsrBuild
    ? {
        outDir: 'dist/web/server',
        emptyOutDir: true,
        target: 'node24',
        rollupOptions: { output: { entryFileNames: 'entry-server.js' } },
      }
    : {
        outDir: 'dist/web/client',
        manifest: true,
        emptyOutDir: true,
        rollupOptions: { input: 'web/entry-client.tsx' },
      },
}));
