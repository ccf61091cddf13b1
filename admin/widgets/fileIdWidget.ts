/**
 * `fileId`: the ASCII id a new member, org or round file is named after
 * (`zhang-san.md`, also its web address). An existing file's id is its file
 * name: shown, never asked for and never written into the file, so files
 * written by hand or imported, which carry no `id`, save unchanged. A new
 * file asks for it (the save rules refuse a new file without one).
 */
import { createElement as h, type ReactElement } from 'react';
import type { WidgetProps } from './widgetProps.ts';


export function FileIdControl({ entry, value, onChange, forID, classNameWrapper, setActiveStyle, setInactiveStyle }: WidgetProps): ReactElement {
  const existing = !entry.get('newRecord');
  const slug = String(entry.get('slug') ?? '').split('/').pop() ?? '';
  return h('input', {
    id: forID,
    className: classNameWrapper, 'data-pb-widget': 'fileId',
    readOnly: existing,
    value: existing ? (typeof value === 'string' && value) || slug : typeof value === 'string' ? value : '',
    autoComplete: 'off',
    spellCheck: false,
    onFocus: setActiveStyle,
    onBlur: setInactiveStyle,
    onChange: existing ? undefined : (e: { target: { value: string } }) => onChange(e.target.value.trim().toLowerCase()),
  });
}
