/**
 * One save shows every problem at once, each at its field. Decap checks each
 * field by itself (required, pattern, range) and stops before the save hooks
 * run, so the rules that span fields (an approved pledge needs a category, a
 * check-off its verifier, a deadline inside its round, a new member an id no
 * one has …) are asked here too, as part of Decap's own per-field check: every
 * widget control is wrapped so that, when Decap validates it, it also reports
 * the save rules' problems at its own path (admin/entryProblems.ts).
 *
 * The wrapper also puts the state a field is required in (`required_note`,
 * from the field table's `requiredWhen`) where Decap would say “(选填)”.
 */
import { Component, createElement as h, type ComponentType } from 'react';
import { entryProblems, type EntryMap } from '../entryProblems.ts';

type Path = (string | number)[];

/** Decap's `ValidationErrorTypes.CUSTOM`. */
const CUSTOM = 'CUSTOM';

interface ControlProps {
  field: { get(key: string): unknown };
  forID: string;
  value: unknown;
  parentIds?: (string | undefined)[];
  entry: EntryMap;
  getEntry?(): EntryMap;
  onValidateObject?(id: string, errors: unknown[]): void;
}

/** What Decap's own controls may offer the Widget that holds them. */
interface Inner {
  isValid?(): unknown;
  validate?(): void;
  validateSize?(): unknown[];
  focus?(path?: string): void;
  getValidateValue?(): unknown;
  state?: { keys?: string[] };
}

/** The item keys of each list control, in order (Decap names list items by random keys, not by index). */
const listKeys = new Map<string, () => string[] | undefined>();

/**
 * The path of a field in the entry's data, from the ids of the fields around it: Decap names each field's control
 * `<name>-field-<n>` and each list item by a key; an item of a list of plain values is the list's `item` field.
 */
export function pathOf(
  name: string,
  parentIds: readonly (string | undefined)[] = [],
  keysOf: (listId: string) => string[] | undefined = (id) => listKeys.get(id)?.(),
): Path | undefined {
  const path: Path = [];
  let list: string | undefined;
  for (const id of parentIds) {
    if (!id) continue;
    const named = /^(.+)-field-\d+$/.exec(id);
    if (named) {
      path.push(named[1]);
      list = id;
      continue;
    }
    const index = list ? (keysOf(list)?.indexOf(id) ?? -1) : -1;
    if (index < 0) return undefined;
    path.push(index);
  }
  if (!(name === 'item' && typeof path[path.length - 1] === 'number')) path.push(name);
  return path;
}

const samePath = (a: Path, b: Path) => a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (typeof (v as { size?: unknown }).size === 'number' && (v as { size: number }).size === 0);

/** Whether Decap's own check of this field (required, pattern) already fails, so its message is the one shown. */
function decapFails(field: ControlProps['field'], value: unknown): boolean {
  if (field.get('required') !== false && isEmpty(value)) return true;
  const pattern = (field.get('pattern') as { first(): string } | undefined)?.first?.();
  return Boolean(pattern && typeof value === 'string' && value !== '' && !new RegExp(pattern).test(value));
}

/** Wraps a widget control (Decap's or the admin's own); `container` for object and list widgets. */
export function withFieldRules(Control: ComponentType<never>, container = false): ComponentType<ControlProps> {
  return class FieldRules extends Component<ControlProps> {
    inner: Inner | null = null;

    setInner = (r: Inner | null) => {
      this.inner = r;
    };

    /** The save rules' messages at this field, as one Decap error (or none). */
    problems(): string[] {
      const { field, parentIds, getEntry, entry, value } = this.props;
      const path = pathOf(String(field.get('name')), parentIds ?? []);
      if (!path) return [];
      const here = entryProblems(getEntry?.() ?? entry).filter((p) => samePath(p.path, path));
      const mine = decapFails(field, value) ? [] : here.filter((p) => !p.decapReports);
      return [...new Set(mine.map((p) => p.message))];
    }

    error(messages: string[]) {
      return { type: CUSTOM, parentIds: this.props.parentIds ?? [], message: messages.join(' ') };
    }

    // Decap's Widget calls this unbound when it validates a field (on save, and on leaving a field with a pattern).
    isValid = (): unknown => {
      const own = this.inner?.isValid ? this.inner.isValid() : true;
      // Decap's controls answer true, `{ error: false }`, an error, or a promise of a check still running.
      const ownFine =
        own === true ||
        own === undefined ||
        (typeof own === 'object' && own !== null && 'error' in own && !(own as { error: unknown }).error);
      if (!ownFine) return own;
      const mine = this.problems();
      return mine.length ? { error: this.error(mine) } : true;
    };

    // Object and list controls validate their children themselves; their own problems join any of the list's size.
    validate = container
      ? () => {
          this.inner?.validate?.();
          const mine = this.problems();
          if (mine.length) this.props.onValidateObject?.(this.props.forID, [...(this.inner?.validateSize?.() ?? []), this.error(mine)]);
        }
      : undefined;

    focus = (path?: string) => {
      if (this.inner?.focus) this.inner.focus(path);
      else document.getElementById(this.props.forID)?.focus();
    };

    getValidateValue = () => this.inner?.getValidateValue?.();

    // Object and list controls re-render on every change so their children see their errors; so does this wrapper.
    shouldComponentUpdate() {
      return true;
    }

    componentDidMount() {
      if (container) listKeys.set(this.props.forID, () => this.inner?.state?.keys);
      this.markRequired();
    }

    componentDidUpdate() {
      this.markRequired();
    }

    componentWillUnmount() {
      listKeys.delete(this.props.forID);
    }

    /** Replaces Decap's “(选填)” by the field's own note (“（审核通过时必填）”), or drops it for a field never optional. */
    markRequired() {
      const note = this.props.field.get('required_note');
      if (typeof note !== 'string') return;
      const mark = document.querySelector(`label[for="${CSS.escape(this.props.forID)}"] > span`);
      const text = note ? `（${note}）` : '';
      if (mark && mark.textContent !== text) mark.textContent = text;
    }

    render() {
      return h(Control, { ...(this.props as object), ref: this.setInner } as never);
    }
  };
}
