// Builds the control UI and the public /overlay and /audience pages into dist/renderer, which
// the core serves. In dev, the API and sockets are proxied to a core on PANELCAST_PORT.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const core = `http://127.0.0.1:${process.env.PANELCAST_PORT ?? '7878'}`;

/** In dev, serve the public and room pages like the core does. */
function publicPages(): Plugin {
  return {
    name: 'panelcast-public-pages',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const [pathname, query] = (req.url ?? '').split('?');
        const search = query ? `?${query}` : '';
        if (pathname === '/overlay' || pathname === '/audience' || pathname === '/stage') {
          req.url = `${pathname}.html${search}`;
        } else if (pathname === '/room' || pathname?.startsWith('/join/')) {
          req.url = `/join.html${search}`;
        } else if (pathname?.startsWith('/feed/')) {
          req.url = `/stage.html${search}`;
        }
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), publicPages()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Maps for local debugging, not referenced from the bundles; the core never serves them.
    sourcemap: 'hidden',
    // OBS 29/30 browser sources run Chromium 103; the overlay must work there.
    target: ['chrome103', 'edge103', 'firefox115', 'safari15'],
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        overlay: fileURLToPath(new URL('overlay.html', import.meta.url)),
        audience: fileURLToPath(new URL('audience.html', import.meta.url)),
        join: fileURLToPath(new URL('join.html', import.meta.url)),
        stage: fileURLToPath(new URL('stage.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': core,
      '/socket.io': { target: core, ws: true },
    },
  },
});
