/** The preview of a select field: the option's Chinese label (上半年), never the stored slug (h1). */
import { createElement as h, type ReactElement } from 'react';

interface SelectPreviewProps {
  field: { get(key: string): unknown };
  value: unknown;
}

export function SelectPreview({ field, value }: SelectPreviewProps): ReactElement {
  const options = ((field.get('options') as { toJS?: () => unknown } | undefined)?.toJS?.() ?? []) as (
    | string
    | { label: string; value: string }
  )[];
  const label = (v: unknown) => {
    const o = options.find((x) => (typeof x === 'string' ? x : x.value) === v);
    return o === undefined ? String(v ?? '') : typeof o === 'string' ? o : o.label;
  };
  const v = (value as { toJS?: () => unknown } | undefined)?.toJS?.() ?? value;
  return h('span', null, Array.isArray(v) ? v.map(label).join('、') : label(v));
}
