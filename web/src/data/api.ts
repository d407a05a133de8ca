/**
 * Where the API is. Served by the Jalin server, the app calls its own origin's /graphql. In dev mode
 * (`npm run dev:web`, Vite on :5173) it calls VITE_JALIN_API, by default a server on :4000 started
 * with CORS_ORIGINS=http://localhost:5173.
 */
export function apiUrl(): string {
  const configured = import.meta.env.VITE_JALIN_API as string | undefined;
  if (configured) return configured;
  // MODE, not DEV: DEV follows NODE_ENV, which a build started from the tests (NODE_ENV=test) inherits.
  if (import.meta.env.MODE === 'development') return 'http://localhost:4000/graphql';
  return new URL('/graphql', window.location.href).href;
}

export function wsUrl(): string {
  return apiUrl().replace(/^http/, 'ws');
}

/** The origin of the API, for the report downloads (/reports/…). */
export function apiOrigin(): string {
  return new URL(apiUrl()).origin;
}
