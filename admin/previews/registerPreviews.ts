/** Registers the preview templates (filled in by the previews work). */
export function registerPreviews(_cms: unknown): void {}
