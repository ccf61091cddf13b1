/**
 * `choices`: a short list of options shown all at once, each with the line
 * that says what choosing it means (公开范围: 公开 / 仅组织内部 / 不公开).
 * Native radio buttons, so keyboards and screen readers know them; a chosen
 * value can be cleared again, back to the default the field's hint names.
 */
import { createElement as h, type ReactElement } from 'react';
import type { WidgetProps } from './widgetProps.ts';

interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export function ChoicesControl({
  field,
  value,
  onChange,
  forID,
  classNameWrapper,
  setActiveStyle,
  setInactiveStyle,
}: WidgetProps): ReactElement {
  const options = ((field.get('options') as { toJS?: () => unknown } | undefined)?.toJS?.() ?? []) as Choice[];
  const label = String(field.get('label') ?? '');
  const chosen = typeof value === 'string' ? value : '';
  return h(
    'div',
    {
      id: forID,
      role: 'radiogroup',
      'aria-label': label,
      className: classNameWrapper,
      'data-pb-widget': 'choices',
      onFocus: setActiveStyle,
      onBlur: setInactiveStyle,
    },
    ...options.map((o) =>
      h(
        'label',
        { key: o.value, style: { display: 'block', padding: '0.35rem 0', fontSize: '15px', cursor: 'pointer' } },
        h('input', {
          type: 'radio',
          name: forID,
          value: o.value,
          checked: chosen === o.value,
          onChange: () => onChange(o.value),
          style: { marginRight: '0.5rem' },
        }),
        h('strong', null, o.label),
        o.hint ? h('span', { style: { color: '#52606d' } }, `：${o.hint}`) : null,
      ),
    ),
    chosen
      ? h('button', { type: 'button', onClick: () => onChange(undefined), style: { marginTop: '0.25rem', fontSize: '14px' } }, '清除选择')
      : null,
  );
}
