import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web client lives in web/ and builds to web/dist, which the Jalin server serves at `/`.
// `npm run dev:web` serves it with hot reload on :5173 against a running server (VITE_JALIN_API,
// default http://localhost:4000/graphql; start that server with CORS_ORIGINS=http://localhost:5173).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: true },
});
