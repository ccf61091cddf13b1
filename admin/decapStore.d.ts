/** Decap's redux store (decap-cms-core's own module, the one its editor uses), for admin/backupRestore.ts. */
declare module 'decap-cms-core/dist/esm/redux' {
  export const store: {
    getState(): unknown;
    dispatch(action: { type: string; payload?: unknown }): unknown;
    subscribe(listener: () => void): () => void;
  };
}
