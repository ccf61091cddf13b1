/// <reference types="vite/client" />
// Decap's backend and widget packages ship no type declarations; admin/decap.ts only hands them to the core.
declare module 'decap-cms-backend-*';
declare module 'decap-cms-widget-*';
