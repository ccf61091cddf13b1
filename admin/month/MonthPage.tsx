/**
 * 本月记实: the month (or semester) for the whole branch on one page. Every
 * open pledge that owes a record for the chosen period (R6's own function),
 * with its owner told apart by name, its status and last record, and three
 * inputs: date (today), 进展情况 and 完成进度. One 保存 appends every filled
 * row as one record, in one write; empty rows change nothing. What she types
 * is kept in this browser until it is saved, through reloads and a stopped
 * server alike.
 */
import { useCallback, useEffect, useMemo, useState, type CSSProperties, type ReactElement } from 'react';
import { todayIn } from '../../src/lib/dates.ts';
import type { RecordInput } from '../../src/lib/recordInput.ts';
import { periodText } from '../../src/lib/recordInput.ts';
import { labelOf, learn } from '../siteFacts.ts';
import { loggedInBackend, type BackendCalls } from './backendCalls.ts';
import type { LedgerContent } from './ledgerContent.ts';
import { defaultPeriodKey, monthView, type MonthRow } from './monthRows.ts';
import { readLedger } from './readLedger.ts';
import { saveMonth } from './saveMonth.ts';

type Inputs = Record<string, RecordInput>;
type Notice = { kind: 'ok' | 'error'; lines: string[] } | undefined;

const DRAFT_KEY = 'pb-month-draft:';

function loadDrafts(period: string): Inputs {
  try {
    return JSON.parse(localStorage.getItem(DRAFT_KEY + period) ?? '{}') as Inputs;
  } catch {
    return {};
  }
}

function keepDrafts(period: string, inputs: Inputs): void {
  const filled = Object.fromEntries(Object.entries(inputs).filter(([, i]) => (i.note ?? '').trim() || String(i.progress ?? '').trim()));
  try {
    if (Object.keys(filled).length) localStorage.setItem(DRAFT_KEY + period, JSON.stringify(filled));
    else localStorage.removeItem(DRAFT_KEY + period);
  } catch {
    // A full or disabled storage only loses the safety copy, never the page's own state.
  }
}

const cell: CSSProperties = { padding: '0.5rem', borderBottom: '1px solid #dfdfe3', verticalAlign: 'top', textAlign: 'left' };
const input: CSSProperties = {
  font: 'inherit',
  fontSize: '15px',
  padding: '0.4rem',
  border: '1px solid #767680',
  borderRadius: '4px',
  background: '#fff',
  color: '#1f2933',
  boxSizing: 'border-box',
};
const button: CSSProperties = {
  font: 'inherit',
  fontSize: '15px',
  padding: '0.5rem 1.25rem',
  borderRadius: '5px',
  border: '1px solid #1f5fa8',
  cursor: 'pointer',
};

/** The member's told-apart name (王丽（高中部）), or the org's name for an org pledge. */
const ownerName = (owner: string) => labelOf(owner, ['members', 'orgs']);

function rowLabel(index: number, row: MonthRow): string {
  return `第 ${index + 1} 行（${ownerName(row.pledge.data.owner)}：${row.pledge.data.title}）`;
}

export function MonthPage(): ReactElement {
  const [backend, setBackend] = useState<BackendCalls>();
  const [content, setContent] = useState<LedgerContent>();
  const [loadError, setLoadError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [periodKey, setPeriodKey] = useState<string>();
  const [org, setOrg] = useState(() => localStorage.getItem('pb-month-org') ?? '');
  const [inputs, setInputs] = useState<Inputs>({});
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<Notice>();

  const today = todayIn(content?.site.timeZone, new Date());

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(undefined);
    try {
      const b = await loggedInBackend();
      if (!b) throw new Error('还没有登录：请先登录内容管理后台。');
      const c = await readLedger(b);
      if ('error' in c) throw new Error(c.error);
      learn(
        'orgs',
        c.orgs.map((o) => ({ slug: o.id, data: o.data as unknown as Record<string, unknown> })),
      );
      learn(
        'members',
        c.members.map((m) => ({ slug: m.id, data: m.data as unknown as Record<string, unknown> })),
      );
      setBackend(b);
      setContent(c);
    } catch (e) {
      const message = (e as Error).message;
      setLoadError(
        /fetch|network/i.test(message)
          ? '连接不到内容管理后台的服务：本机后台可能已停止，请重新运行 npm start 后刷新本页（已填写的内容保存在本浏览器中，不会丢失）。'
          : `读取内容失败：${message}`,
      );
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const period = periodKey ?? (content ? defaultPeriodKey(content, todayIn(content.site.timeZone, new Date())) : '');
  useEffect(() => {
    if (period) setInputs(loadDrafts(period));
  }, [period]);

  const view = useMemo(
    () => (content && period ? monthView(content, period, today, org || undefined) : undefined),
    [content, period, today, org],
  );
  const orgs = useMemo(() => {
    if (!content) return [];
    const used = new Set(content.pledges.map((p) => content.orgOf(p.data.owner)));
    return content.orgs.filter((o) => used.has(o.id));
  }, [content]);

  const setInput = (path: string, patch: RecordInput) => {
    setInputs((old) => {
      const next = { ...old, [path]: { ...old[path], ...patch } };
      keepDrafts(period, next);
      return next;
    });
  };

  const defaultDate = view?.ok ? (today < view.period.end ? today : view.period.end) : today;
  const filledCount = view?.ok
    ? view.rows.filter((r) => (inputs[r.pledge.file]?.note ?? '').trim() || String(inputs[r.pledge.file]?.progress ?? '').trim()).length
    : 0;

  async function save(): Promise<void> {
    if (!backend || !view?.ok) return;
    setSaving(true);
    setNotice(undefined);
    setProblems({});
    try {
      const list = view.rows.map((row, i) => ({
        pledge: row.pledge,
        label: rowLabel(i, row),
        input: { date: defaultDate, ...inputs[row.pledge.file] },
      }));
      const result = await saveMonth(backend, list, view.period, today);
      if (!result.ok) {
        const byPath: Record<string, string[]> = {};
        for (const p of result.problems) (byPath[p.path] ??= []).push(p.message);
        setProblems(byPath);
        setNotice({
          kind: 'error',
          lines: [
            '没有保存，什么也没有写入：',
            ...result.problems.map((p) => p.message),
            ...(result.stale.length ? ['请点“重新载入”读取别人改过的文件；您填写的内容会保留。'] : []),
          ],
        });
        return;
      }
      const saved = new Set(result.saved);
      const left = Object.fromEntries(Object.entries(inputs).filter(([path]) => !saved.has(path)));
      setInputs(left);
      keepDrafts(period, left);
      setNotice({ kind: 'ok', lines: [`已保存 ${result.saved.length} 条记实（${period}），一次写入。`] });
      await load();
    } catch (e) {
      const message = (e as Error).message;
      setNotice({
        kind: 'error',
        lines: [
          /fetch|network/i.test(message)
            ? '没有保存：连接不到本机后台，它可能已停止。请重新运行 npm start 后刷新本页，已填写的内容保存在本浏览器中，不会丢失。'
            : `没有保存：${message}`,
        ],
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <main
      data-pb-widget="month"
      style={{ maxWidth: '80rem', margin: '0 auto', padding: '1.5rem 1rem 4rem', color: '#1f2933', fontSize: '15px', lineHeight: 1.6 }}
    >
      <h1 style={{ fontSize: '1.5rem', margin: '0 0 0.5rem' }}>本月记实</h1>
      <p style={{ margin: '0 0 1rem' }}>
        列出本期还没有践诺记实的承诺（与 npm run check
        的“每月一记实”检查同一规则）。填好有进展的行，点一次“保存本月记实”；没有填写的行不会改动。
      </p>
      {loading && !content && <p role="status">正在读取承诺……</p>}
      {loadError && (
        <div
          role="alert"
          data-pb-month="load-error"
          style={{ border: '2px solid #b42318', background: '#fef3f2', color: '#7a271a', padding: '0.75rem 1rem', borderRadius: '6px' }}
        >
          {loadError}
        </div>
      )}
      {content && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div style={{ display: 'flex', gap: '1.5rem', flexWrap: 'wrap', alignItems: 'end', margin: '0 0 1rem' }}>
            <label>
              记实期间
              <br />
              <select value={period} onChange={(e) => setPeriodKey(e.target.value)} style={input} data-pb-month="period">
                {(view?.periods ?? []).map((p) => (
                  <option key={p.key} value={p.key}>
                    {periodText(p)}
                  </option>
                ))}
                {view && !view.periods.some((p) => p.key === period) && <option value={period}>{period}</option>}
              </select>
            </label>
            <label>
              党组织
              <br />
              <select
                value={org}
                onChange={(e) => {
                  setOrg(e.target.value);
                  localStorage.setItem('pb-month-org', e.target.value);
                }}
                style={input}
                data-pb-month="org"
              >
                <option value="">全部党组织</option>
                {orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.data.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              onClick={() => {
                setNotice(undefined);
                setProblems({});
                void load();
              }}
              style={{ ...button, background: '#fff', color: '#1f5fa8' }}
              disabled={loading}
            >
              重新载入
            </button>
          </div>
          {content.unreadable.length > 0 && (
            <p data-pb-month="unreadable">
              有 {content.unreadable.length} 个文件格式有误，没有列出（{content.unreadable.slice(0, 3).join('、')}
              {content.unreadable.length > 3 ? '等' : ''}）：请运行 npm run check 查看。
            </p>
          )}
          {view && !view.ok && (
            <p role="alert" data-pb-month="period-error">
              {view.message}
            </p>
          )}
          {view?.ok && (
            <>
              <p role="status" data-pb-month="summary">
                {periodText(view.period)}：
                {view.rows.length === 0 ? '没有欠记实的承诺。' : `${view.rows.length} 项承诺还没有本期的记实，已填写 ${filledCount} 项。`}
              </p>
              {view.rows.length > 0 && (
                <div style={{ overflowX: 'auto' }}>
                  <table style={{ borderCollapse: 'collapse', width: '100%', background: '#fff' }} data-pb-month="table">
                    <caption style={{ textAlign: 'left', fontWeight: 600, padding: '0.25rem 0' }}>
                      {periodText(view.period)} 应记实的承诺
                    </caption>
                    <thead>
                      <tr>
                        {['党员', '承诺事项', '状态', '最近一次记实', '记实日期', '进展情况', '完成进度（%）'].map((h) => (
                          <th key={h} scope="col" style={{ ...cell, background: '#f3f4f6', whiteSpace: 'nowrap' }}>
                            {h}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {view.rows.map((row, i) => {
                        const path = row.pledge.file;
                        const own = inputs[path] ?? {};
                        const who = ownerName(row.pledge.data.owner);
                        const errs = problems[path];
                        const errId = `pb-month-err-${i}`;
                        const name = `${who}“${row.pledge.data.title}”`;
                        return (
                          <tr key={path} data-pb-month-row={path} data-pb-month-error={errs ? 'true' : undefined}>
                            <td style={{ ...cell, whiteSpace: 'nowrap' }}>{who}</td>
                            <td style={cell}>
                              <a
                                href={`#/collections/${row.pledge.data.ownerKind === 'org' || row.org === row.pledge.data.owner ? 'org-pledges' : 'pledges'}/entries/${row.pledge.id}`}
                                style={{ color: '#1f5fa8' }}
                              >
                                {row.pledge.data.title}
                              </a>
                              {errs && (
                                <ul id={errId} role="alert" style={{ margin: '0.25rem 0 0', paddingLeft: '1.2rem', color: '#b42318' }}>
                                  {errs.map((m) => (
                                    <li key={m}>{m}</li>
                                  ))}
                                </ul>
                              )}
                            </td>
                            <td style={{ ...cell, whiteSpace: 'nowrap' }}>{row.status}</td>
                            <td style={{ ...cell, minWidth: '12rem' }}>
                              {row.last ? `${row.last.date} · ${row.last.progress}% · ${row.last.note}` : '还没有记实'}
                            </td>
                            <td style={cell}>
                              <input
                                type="text"
                                inputMode="numeric"
                                maxLength={10}
                                placeholder="年-月-日"
                                aria-label={`${name}的记实日期`}
                                value={own.date ?? defaultDate}
                                onChange={(e) => setInput(path, { date: e.target.value.trim() })}
                                aria-describedby={errs ? errId : undefined}
                                style={{ ...input, width: '8.5rem' }}
                              />
                            </td>
                            <td style={{ ...cell, minWidth: '16rem' }}>
                              <textarea
                                aria-label={`${name}的进展情况`}
                                value={own.note ?? ''}
                                rows={2}
                                maxLength={500}
                                onChange={(e) => setInput(path, { note: e.target.value })}
                                aria-describedby={errs ? errId : undefined}
                                style={{ ...input, width: '100%' }}
                              />
                            </td>
                            <td style={cell}>
                              <input
                                type="number"
                                inputMode="numeric"
                                min={0}
                                max={100}
                                aria-label={`${name}的完成进度（%）`}
                                placeholder={row.last ? `上次 ${row.last.progress}` : '0—100'}
                                value={own.progress === undefined || own.progress === null ? '' : String(own.progress)}
                                onChange={(e) => setInput(path, { progress: e.target.value })}
                                aria-describedby={errs ? errId : undefined}
                                style={{ ...input, width: '6.5rem' }}
                              />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              {notice && (
                <div
                  role={notice.kind === 'error' ? 'alert' : 'status'}
                  data-pb-month={notice.kind === 'error' ? 'save-error' : 'saved'}
                  style={{
                    margin: '1rem 0',
                    padding: '0.75rem 1rem',
                    borderRadius: '6px',
                    border: `2px solid ${notice.kind === 'error' ? '#b42318' : '#067647'}`,
                    background: notice.kind === 'error' ? '#fef3f2' : '#ecfdf3',
                    color: notice.kind === 'error' ? '#7a271a' : '#054f31',
                  }}
                >
                  {notice.lines.map((l) => (
                    <div key={l}>{l}</div>
                  ))}
                </div>
              )}
              {view.rows.length > 0 && (
                <button
                  type="submit"
                  disabled={saving || loading}
                  style={{ ...button, background: '#1f5fa8', color: '#fff', marginTop: '1rem' }}
                  data-pb-month="save"
                >
                  {saving ? '正在保存……' : loading ? '正在读取……' : `保存本月记实（已填写 ${filledCount} 项）`}
                </button>
              )}
            </>
          )}
        </form>
      )}
    </main>
  );
}
