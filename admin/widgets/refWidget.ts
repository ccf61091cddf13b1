/**
 * `ref`: the one picker for every relation (承诺人, 点评对象, 审核人 …). It
 * offers every collection the schema lets the field point at (a review's
 * subject: members and organisations), shows people as
 * `王芳 · 第二教师党支部（高中部）`, and lists what the backend holds right now,
 * so a member created moments earlier can be picked. A native `<select>`
 * (keyboard, screen readers and phones know it), with a filter box for long
 * lists; a value the content names but the lists lack is kept and shown.
 */
import { createElement as h, useEffect, useMemo, useState, type ReactElement } from 'react';
import { learn, labelOf, nameOf, pickLabelOf, useSiteFacts, type SiteFacts } from '../siteFacts.ts';
import type { WidgetProps } from './widgetProps.ts';
import { pledgeRef } from '../../src/lib/pledgeRef.ts';
import { folderOf, roundOfPath } from './roundWidget.ts';

type Immutable = { toJS(): unknown } | undefined;

const groupLabel: Record<string, string> = { members: '党员', orgs: '党组织', pledges: '承诺', rounds: '轮次' };
const searchField: Record<string, string> = { members: 'name', orgs: 'name', pledges: 'title', rounds: 'title' };

interface Option {
  value: string;
  label: string;
  group: string;
}

const js = (v: unknown): unknown => (v && typeof (v as { toJS?: unknown }).toJS === 'function' ? (v as Immutable)!.toJS() : v);

/** The options of the target collections, members grouped by their org. */
export function refOptions(targets: string[], facts: SiteFacts, pledges: Option[]): Option[] {
  const out: Option[] = [];
  for (const t of targets) {
    if (t === 'members') {
      for (const m of facts.members)
        out.push({ value: m.id, label: pickLabelOf(m.id), group: m.org ? `${groupLabel.members} · ${nameOf(m.org)}` : groupLabel.members });
    } else if (t === 'orgs') {
      for (const o of facts.orgs) out.push({ value: o.id, label: o.name, group: groupLabel.orgs });
    } else if (t === 'rounds') {
      for (const r of facts.rounds) out.push({ value: r.id, label: r.title, group: groupLabel.rounds });
    } else if (t === 'pledges') out.push(...pledges);
  }
  const collator = new Intl.Collator('zh-CN');
  return out.sort((a, b) => collator.compare(a.group, b.group) || collator.compare(a.label, b.label));
}

function groups(options: Option[]): [string, Option[]][] {
  const by = new Map<string, Option[]>();
  for (const o of options) by.set(o.group, [...(by.get(o.group) ?? []), o]);
  return [...by];
}

type Hit = { slug: string; data: Record<string, unknown> };
const recent = new Map<string, { at: number; hits: Promise<Hit[]> }>();

/** The entries of a collection from the backend, shared by the pickers that ask within a few seconds of each other. */
function entriesOf(collection: string, ask: () => Promise<{ payload?: { hits?: Hit[] } }> | undefined): Promise<Hit[]> {
  const hit = recent.get(collection);
  if (hit && Date.now() - hit.at < 5000) return hit.hits;
  const hits = Promise.resolve(ask()).then((r) => r?.payload?.hits ?? []);
  recent.set(collection, { at: Date.now(), hits });
  return hits;
}

/** Long lists get a filter box; short ones do not need it. */
const FILTER_FROM = 30;

export function RefControl(props: WidgetProps): ReactElement {
  const { field, entry, forID, classNameWrapper, onChange, setActiveStyle, setInactiveStyle, query } = props;
  const targets = (js(field.get('collections')) as string[] | undefined) ?? ['members'];
  const multiple = Boolean(field.get('multiple'));
  const label = String(field.get('label') ?? '');
  const facts = useSiteFacts();
  const [pledges, setPledges] = useState<Option[]>([]);
  const [filter, setFilter] = useState('');

  // Ask the backend for the current entries of each target (one request per collection for all the pickers of an
  // editor opened at once; fresh again a few seconds later). Pledges are two views of one folder: ask both.
  useEffect(() => {
    let alive = true;
    for (const t of targets) {
      const views = t === 'pledges' ? ['pledges', 'org-pledges'] : [t];
      void Promise.all(views.map((v) => entriesOf(v, () => query?.(forID, v, [searchField[t] ?? 'title'], ''))))
        .then((lists) => {
          const hits = lists.flat();
          if (!alive) return;
          if (t === 'pledges') {
            setPledges(
              hits.map((e) => ({
                value: e.slug,
                label: `${String(e.data.title ?? e.slug)}（${labelOf(String(e.data.owner ?? ''), ['members', 'orgs'])}）`,
                group: groupLabel.pledges,
              })),
            );
          } else learn(t as 'members' | 'orgs' | 'rounds', hits);
        })
        .catch(() => undefined);
    }
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [forID, targets.join()]);

  const all = useMemo(() => refOptions(targets, facts, pledges), [targets.join(), facts, pledges]);
  // A list written by hand as a single value (`urged: x`) is a list of one.
  const listed = js(props.value);
  const chosen = multiple ? (Array.isArray(listed) ? listed.map(String) : typeof listed === 'string' && listed ? [listed] : []) : [];
  const single = multiple ? '' : typeof props.value === 'string' ? props.value : '';
  const known = new Set(all.map((o) => o.value));
  const needle = filter.trim().toLowerCase();
  const shown = all.filter((o) => !needle || o.label.toLowerCase().includes(needle) || o.value.includes(needle) || o.value === single);
  // A value the lists lack (not yet loaded, or a typo in a hand-written file) is kept and shown as it is.
  if (single && !known.has(single)) shown.unshift({ value: single, label: `${single}（未找到）`, group: '' });

  const optionEls = (opts: Option[]) =>
    groups(opts).map(([g, os]) => {
      const items = os.map((o) => h('option', { key: o.value, value: o.value }, o.label));
      return g ? h('optgroup', { key: g, label: g }, items) : items;
    });

  const filterBox =
    all.length >= FILTER_FROM
      ? h('input', {
          type: 'search',
          value: filter,
          placeholder: '输入名称筛选',
          'aria-label': `筛选${label}`,
          onChange: (e: { target: { value: string } }) => setFilter(e.target.value),
          style: { width: '100%', marginBottom: '0.5rem', padding: '0.4rem', boxSizing: 'border-box' },
        })
      : null;

  const selectStyle = { width: '100%', fontSize: '15px', padding: '0.5rem', boxSizing: 'border-box' as const };

  if (!multiple) {
    return h(
      'div',
      { className: classNameWrapper, 'data-pb-widget': 'ref', onFocus: setActiveStyle, onBlur: setInactiveStyle },
      filterBox,
      h(
        'select',
        {
          id: forID,
          value: single,
          style: selectStyle,
          onChange: (e: { target: { value: string } }) => onChange(e.target.value || undefined),
        },
        h('option', { value: '' }, '（未选择）'),
        ...optionEls(shown),
      ),
    );
  }

  // A pledge of the file's own round is named by its file name alone (`wang-fang-study` for `2025/wang-fang-study`),
  // as pledgeRef reads it; one of another round by `<round>/<name>`.
  const round =
    roundOfPath(entry.get('path'), folderOf(String(entry.get('collection') ?? ''))) ??
    (entry.getIn?.(['data', 'round']) as string | undefined);
  const matches = (o: Option, v: string) => o.value === pledgeRef(v, round);
  const stored = (v: string) => (round && v.startsWith(`${round}/`) ? v.slice(round.length + 1) : v);
  const labelFor = (v: string) => all.find((o) => matches(o, v))?.label ?? `${v}（未找到）`;
  return h(
    'div',
    { className: classNameWrapper, 'data-pb-widget': 'ref', onFocus: setActiveStyle, onBlur: setInactiveStyle },
    chosen.length
      ? h(
          'ul',
          { style: { margin: '0 0 0.5rem', paddingLeft: '1.2rem' } },
          chosen.map((v, i) =>
            h(
              'li',
              { key: v },
              labelFor(v),
              ' ',
              h(
                'button',
                { type: 'button', 'aria-label': `移除 ${labelFor(v)}`, onClick: () => onChange(chosen.filter((_, j) => j !== i)) },
                '移除',
              ),
            ),
          ),
        )
      : null,
    filterBox,
    h(
      'select',
      {
        id: forID,
        value: '',
        style: selectStyle,
        onChange: (e: { target: { value: string } }) => {
          const v = e.target.value && stored(e.target.value);
          if (v && !chosen.some((c) => pledgeRef(c, round) === pledgeRef(v, round))) onChange([...chosen, v]);
        },
      },
      h('option', { value: '' }, `（添加${label}）`),
      ...optionEls(shown.filter((o) => !chosen.some((v) => matches(o, v)))),
    ),
  );
}

/** In previews of other widgets: the name, not the id. */
export function RefPreview({ value }: { value: unknown }): ReactElement {
  const v = js(value);
  return h('span', null, Array.isArray(v) ? v.map((x) => labelOf(String(x))).join('、') : labelOf(typeof v === 'string' ? v : ''));
}
