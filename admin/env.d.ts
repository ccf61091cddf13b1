/// <reference types="vite/client" />
// Decap's backend and widget packages ship no type declarations; admin/decap.ts only hands them to the core.
declare module 'decap-cms-backend-*';
declare module 'decap-cms-widget-*';
// The core's backend module: the admin's own pages (本月记实) use the backend Decap logged in with.
declare module 'decap-cms-core/dist/esm/backend' {
  export const currentBackend: (config?: unknown) => {
    currentUser(): Promise<unknown>;
    implementation: import('./month/backendCalls.ts').BackendCalls;
  };
}
