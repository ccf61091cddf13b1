/** What Decap hands every widget control (the part the admin's own widgets use). */
export interface WidgetProps {
  /** The field's config (an Immutable map). */
  field: { get(key: string): unknown };
  /** The entry being edited: `newRecord`, `path`, `slug`, `collection`. */
  entry: { get(key: string): unknown; getIn?(path: string[]): unknown };
  /** The entry as the form holds it now (`entry` is as it was when this field last re-rendered). */
  getEntry?(): { get(key: string): unknown; getIn?(path: string[]): unknown };
  value: unknown;
  onChange(value: unknown): void;
  /** The id the field's `<label for>` points at. */
  forID: string;
  classNameWrapper: string;
  setActiveStyle(): void;
  setInactiveStyle(): void;
  /** Searches a collection through the backend (what Decap's relation widget uses). */
  query?(
    forID: string,
    collection: string,
    searchFields: string[],
    term: string,
  ): Promise<{ payload?: { hits?: { slug: string; data: Record<string, unknown> }[] } }>;
}
