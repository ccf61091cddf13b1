/**
 * The 考核评比 of one stage as a table: columns and cells, built once from
 * branchRanking's rows. The internal ranking page renders it as a <table>,
 * its CSV and `npm run export -- ranking` flatten it with `flatTable`, so the
 * three always show the same figures under the same headings.
 */
import type { Rate } from './completionRates.ts';
import type { RankingRow, Stage } from './branchRanking.ts';
import { formatRate, t, type MessageKey } from '../i18n/t.ts';

export interface RankingColumn {
  key:
    | 'rank'
    | 'name'
    | 'completion'
    | 'onTime'
    | 'records'
    | 'checks'
    | 'bulletins'
    | 'upperChecks'
    | 'upperAffirmed'
    | 'coverage'
    | 'panel'
    | 'averageScore';
  label: string;
  /** How the cell's `value` reads: a whole number, text, a rate 0–1, a score. */
  kind: 'int' | 'text' | 'rate' | 'score';
  /** Labels of the two counts behind the figure (done, total), written as columns of their own in a spreadsheet. */
  parts?: [string, string];
}

export interface RankingCell {
  /** The figure itself (a rate as 0–1), or null where there is nothing to count. */
  value: number | string | null;
  /** As a person reads it. */
  text: string;
  /** The counts behind a figure, e.g. 9/12; the second is null where there is none (a panel with no size rule, 篇三/四). */
  parts?: [number, number | null];
  /** What to sort the column by (null sorts last). */
  sort: number | string | null;
  /** A line under the figure saying what it is made of, where the two counts are not a done/total pair. */
  note?: string;
}

export interface RankingTable {
  columns: RankingColumn[];
  rows: RankingCell[][];
}

const quarterKeys: Record<string, MessageKey> = {
  q1: 'ranking.stage.q1',
  q2: 'ranking.stage.q2',
  q3: 'ranking.stage.q3',
  q4: 'ranking.stage.q4',
};

/** A stage's name: 第一季度, 2025年春季学期, 承诺, 全轮. */
export function stageLabel(stage: Stage): string {
  if (stage.kind === 'round') return t('ranking.stage.round');
  if (stage.kind === 'activity') return stage.title ?? stage.key;
  if (stage.kind === 'semester')
    return t(stage.key.endsWith('autumn') ? 'ranking.stage.autumn' : 'ranking.stage.spring', { year: stage.year ?? '' });
  return quarterKeys[stage.key] ? t(quarterKeys[stage.key]) : stage.key;
}

/** A stage's name where the page's heading does not say more: 奖诺（进行中） for the stage running on the as-of date. */
export function stageName(stage: Stage): string {
  return stage.running ? t('ranking.navRunning', { label: stageLabel(stage) }) : stageLabel(stage);
}

const score1 = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const rateCell = (r: Rate): RankingCell => ({ value: r.rate, text: formatRate(r.rate), parts: [r.done, r.total], sort: r.rate });

/** The upper organisation's checks: how many, and by which method (经常性督查, 随机检查). */
function upperCell(u: RankingRow['upperChecks']): RankingCell {
  const kinds = [
    u.regular ? t('ranking.upper.regular', { count: u.regular }) : '',
    u.random ? t('ranking.upper.random', { count: u.random }) : '',
  ].filter(Boolean);
  return {
    value: u.count,
    text: t('ranking.upper.times', { count: u.count }),
    parts: [u.regular, u.random],
    sort: u.count,
    ...(kinds.length && { note: kinds.join(t('ranking.upper.sep')) }),
  };
}

/**
 * The table of one stage. The whole round adds evaluation coverage, the panel and the average score; a
 * quarter, semester or activity stage has none of these. Every stage lists the upper organisation's checks.
 * @example rankingTable(stageRanking.rows, stageRanking.stage).columns.map((c) => c.label) // ['名次', '党组织', '完成率', …]
 */
export function rankingTable(rows: readonly RankingRow[], stage: Stage): RankingTable {
  const whole = stage.kind === 'round';
  const columns: RankingColumn[] = [
    { key: 'rank', label: t('ranking.col.rank'), kind: 'int' },
    { key: 'name', label: t('ranking.col.org'), kind: 'text' },
    { key: 'completion', label: t('ranking.col.completion'), kind: 'rate', parts: [t('ranking.col.closed'), t('ranking.col.pledges')] },
    { key: 'onTime', label: t('ranking.col.onTime'), kind: 'rate', parts: [t('ranking.col.onTimeDone'), t('ranking.col.due')] },
    { key: 'records', label: t('ranking.col.records'), kind: 'rate', parts: [t('ranking.col.recorded'), t('ranking.col.owedRecords')] },
    { key: 'checks', label: t('ranking.col.checks'), kind: 'rate', parts: [t('ranking.col.checksHeld'), t('ranking.col.checksOwed')] },
    {
      key: 'bulletins',
      label: t('ranking.col.bulletins'),
      kind: 'rate',
      parts: [t('ranking.col.bulletinsHeld'), t('ranking.col.bulletinsOwed')],
    },
    {
      key: 'upperChecks',
      label: t('ranking.col.upperChecks'),
      kind: 'int',
      parts: [t('ranking.col.upperRegular'), t('ranking.col.upperRandom')],
    },
    { key: 'upperAffirmed', label: t('ranking.col.upperAffirmed'), kind: 'int' },
    ...(whole
      ? ([
          {
            key: 'coverage',
            label: t('ranking.col.coverage'),
            kind: 'rate',
            parts: [t('ranking.col.evaluated'), t('ranking.col.expected')],
          },
          {
            key: 'panel',
            label: t('ranking.col.panel'),
            kind: 'text',
            parts: [t('ranking.col.panelSize'), t('ranking.col.panelRequired')],
          },
          { key: 'averageScore', label: t('ranking.col.averageScore'), kind: 'score' },
        ] satisfies RankingColumn[])
      : []),
  ];
  const notEvaluated: RankingCell = { value: null, text: t('ranking.notEvaluated'), sort: null };
  const cells = (r: RankingRow): Record<RankingColumn['key'], RankingCell> => ({
    rank: { value: r.rank, text: String(r.rank), sort: r.rank },
    name: { value: r.name, text: r.name, sort: r.name },
    completion: rateCell(r.completion),
    onTime: rateCell(r.onTime),
    records: rateCell(r.records),
    checks: rateCell(r.checks),
    bulletins: rateCell(r.bulletins),
    upperChecks: upperCell(r.upperChecks),
    upperAffirmed: {
      value: r.upperChecks.affirmed,
      text: t('ranking.upper.times', { count: r.upperChecks.affirmed }),
      sort: r.upperChecks.affirmed,
    },
    coverage: r.coverage ? rateCell(r.coverage) : notEvaluated,
    panel: r.panel
      ? {
          value: t(r.panel.ok ? 'ranking.panelOk' : 'ranking.panelShort'),
          text: t(r.panel.ok ? 'ranking.panelOk' : 'ranking.panelShort'),
          parts: [r.panel.size, r.panel.required],
          sort: r.panel.size - (r.panel.required ?? 0),
        }
      : notEvaluated,
    averageScore: {
      value: r.averageScore,
      text: r.averageScore === null ? t('board.noData') : score1.format(r.averageScore),
      sort: r.averageScore,
    },
  });
  return {
    columns,
    rows: rows.map((r) => {
      const c = cells(r);
      return columns.map((col) => c[col.key]);
    }),
  };
}

/**
 * The table with each figure's counts in columns of their own, for spreadsheets: headings and rows of
 * plain values (numbers as numbers, rates as 0–1, text as text, nothing as null).
 */
export function flatTable(table: RankingTable): { header: string[]; kinds: RankingColumn['kind'][]; rows: (number | string | null)[][] } {
  const header: string[] = [];
  const kinds: RankingColumn['kind'][] = [];
  for (const c of table.columns) {
    header.push(c.label, ...(c.parts ?? []));
    kinds.push(c.kind, ...(c.parts ? (['int', 'int'] as const) : []));
  }
  const rows = table.rows.map((cells) =>
    cells.flatMap((cell, i) => {
      const col = table.columns[i];
      const value = cell.value === null && col.kind === 'text' ? cell.text : cell.value;
      return col.parts ? [value, cell.parts?.[0] ?? null, cell.parts?.[1] ?? null] : [value];
    }),
  );
  return { header, kinds, rows };
}
