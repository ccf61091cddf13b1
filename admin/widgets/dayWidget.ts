/**
 * `day`: a calendar date, shown and typed as YYYY-MM-DD (the way the content
 * stores it and the board prints it), with the browser's calendar beside it
 * for picking. No time, no time zone, no "now" button: a ledger date is a day.
 * Whether the text is a real date inside its allowed range is checked by the
 * field's pattern (and by `npm run check`).
 */
import { createElement as h, type ReactElement } from 'react';
import type { WidgetProps } from './widgetProps.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function DayControl({
  field,
  value,
  onChange,
  forID,
  classNameWrapper,
  setActiveStyle,
  setInactiveStyle,
}: WidgetProps): ReactElement {
  const text = typeof value === 'string' ? value : '';
  const label = String(field.get('label') ?? '日期');
  return h(
    'div',
    {
      className: classNameWrapper,
      'data-pb-widget': 'day',
      style: { display: 'flex', gap: '0.75rem', alignItems: 'center', flexWrap: 'wrap' },
    },
    h('input', {
      id: forID,
      type: 'text',
      inputMode: 'numeric',
      placeholder: '年-月-日，如 2026-03-15',
      value: text,
      maxLength: 10,
      autoComplete: 'off',
      style: { flex: '1 1 12rem', fontSize: '15px', padding: '0.5rem', border: 0, outline: 'none', background: 'transparent' },
      onFocus: setActiveStyle,
      onBlur: setInactiveStyle,
      onChange: (e: { target: { value: string } }) => onChange(e.target.value.trim() || undefined),
    }),
    h('input', {
      type: 'date',
      'aria-label': `在日历中选择${label}`,
      title: '在日历中选择',
      value: ISO.test(text) ? text : '',
      // Only the calendar button shows: the browser would print the date in its own order (02/20/2025), while the
      // text box beside it shows it as the content stores it.
      style: { fontSize: '15px', padding: '0.25rem', width: '2.75rem', color: 'transparent', cursor: 'pointer' },
      onChange: (e: { target: { value: string } }) => e.target.value && onChange(e.target.value),
    }),
  );
}

export function DayPreview({ value }: { value: unknown }): ReactElement {
  return h('span', null, typeof value === 'string' ? value : '');
}
