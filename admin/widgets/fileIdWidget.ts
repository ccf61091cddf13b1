/**
 * `fileId`: the ASCII id a new member, org or round file is named after
 * (`zhang-san.md`, also its web address). An existing file's id is its file
 * name: shown, never asked for and never written into the file, so files
 * written by hand or imported, which carry no `id`, save unchanged. A new
 * member or org gets its id from its name (`id_from`), by the rule
 * `npm run import` follows (src/lib/idForName.ts: pinyin, `-2` when taken):
 * shown as it is derived, and hers to change; once she changes it, it stays.
 */
import { createElement as h, useEffect, useRef, useState, type ReactElement } from 'react';
import type { idForName as IdForName } from '../../src/lib/idForName.ts';
import { facts, useSiteFacts } from '../siteFacts.ts';
import { folderOf } from './roundWidget.ts';
import type { WidgetProps } from './widgetProps.ts';

let derive: Promise<typeof IdForName> | undefined;

/**
 * The id rule, loaded when a form first needs it: its pinyin dictionary is about 300 KB, which the admin should not
 * load for every page when only a new member or org uses it.
 */
function useIdForName(needed: boolean): typeof IdForName | undefined {
  const [fn, setFn] = useState<typeof IdForName>();
  useEffect(() => {
    if (!needed || fn) return;
    derive ??= import('../../src/lib/idForName.ts').then((m) => m.idForName);
    let alive = true;
    void derive.then((f) => alive && setFn(() => f));
    return () => {
      alive = false;
    };
  }, [needed]);
  return fn;
}

/** The ids taken in a collection (members, orgs, rounds), as the admin knows them. */
function takenIn(collection: string): Set<string> {
  const f = facts() as unknown as Record<string, { id: string }[] | undefined>;
  return new Set((f[folderOf(collection)] ?? []).map((x) => x.id));
}

/**
 * The live value of another field of the entry. Decap re-renders a field only when its own value changes, so the
 * control reads the entry again whenever she types or picks anything in the form.
 */
function useEntryValue(getEntry: (() => WidgetProps['entry']) | undefined, entry: WidgetProps['entry'], key: string | undefined): unknown {
  const read = () => (key ? (getEntry?.() ?? entry).getIn?.(['data', key]) : undefined);
  const [value, setValue] = useState(read);
  useEffect(() => {
    if (!key) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After Decap's own handler has stored what was typed.
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setValue(read()), 0);
    };
    document.addEventListener('input', later, true);
    document.addEventListener('change', later, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('input', later, true);
      document.removeEventListener('change', later, true);
    };
  }, [key]);
  return value;
}

export function FileIdControl({
  field,
  entry,
  getEntry,
  value,
  onChange,
  forID,
  classNameWrapper,
  setActiveStyle,
  setInactiveStyle,
}: WidgetProps): ReactElement {
  useSiteFacts();
  const existing = !entry.get('newRecord');
  const slug =
    String(entry.get('slug') ?? '')
      .split('/')
      .pop() ?? '';
  const from = field.get('id_from') as string | undefined;
  const source = useEntryValue(getEntry, entry, existing ? undefined : from);
  const name = typeof source === 'string' ? source.trim() : '';
  const text = typeof value === 'string' ? value : '';
  // Once she types an id of her own it is hers: a new name no longer replaces it (emptying the field gives it back).
  const hers = useRef(false);
  const idForName = useIdForName(!existing && Boolean(from));
  const wanted =
    !existing && from && name && idForName
      ? idForName(
          name,
          takenIn(String(entry.get('collection') ?? '')),
          folderOf(String(entry.get('collection') ?? '')) === 'orgs' ? 'org' : 'member',
        )
      : '';
  useEffect(() => {
    if (wanted && !hers.current && wanted !== text) onChange(wanted);
  }, [wanted]);
  return h('input', {
    id: forID,
    className: classNameWrapper,
    'data-pb-widget': 'fileId',
    readOnly: existing,
    value: existing ? (typeof value === 'string' && value) || slug : text,
    placeholder: !existing && from ? '填写姓名或名称后自动生成' : undefined,
    autoComplete: 'off',
    spellCheck: false,
    onFocus: setActiveStyle,
    onBlur: setInactiveStyle,
    onChange: existing
      ? undefined
      : (e: { target: { value: string } }) => {
          const typed = e.target.value.trim().toLowerCase();
          hers.current = typed !== '';
          onChange(typed);
        },
  });
}
