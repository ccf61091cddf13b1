/**
 * What a chart of rates shows (src/components/RateChart.astro), computed here so the component only writes it
 * out: the title, the table's rows with their printed values, the data the chart script hands to chart.js, the
 * chart box's height and the source line. The table and the chart print the same values (formatRate: one
 * decimal everywhere); a trend may carry the expected pace (the share of the round elapsed) as a second series.
 */
import { formatRate, t } from '../i18n/t.ts';
import type { Rate } from './completionRates.ts';
import { categories, labelOf } from '../schemas/options.ts';

/** One bar or point: what it is (a category, an org, a month), its rate, and for a trend the expected pace. */
export interface RateRow {
  label: string;
  rate: Rate;
  pace?: number;
}

export interface RateChartFigures {
  kind: 'bar' | 'line';
  /** `caption（%）`: what is measured, and in what unit. */
  title: string;
  labelHeader: string;
  withPace: boolean;
  /** The table's rows as printed: the rate (and pace) formatted, the counts behind the rate. */
  rows: { label: string; rate: string; pace: string; done: number; total: number }[];
  /** The data for the chart script, as JSON safe inside a script element. */
  json: string;
  /** The chart box's height in rem (fixed, so nothing shifts when the chart draws). */
  height: number;
  /** 数据来源 · 截止日期. */
  source: string;
}

/** A share (0–1) as a percentage to one decimal, as chart.js plots it. */
const percent = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 10);

/**
 * The figures of one chart of `rows`, counted at `asOf`, from the board named `name`.
 * @example rateChart({ kind: 'bar', caption: '分类别完成率', labelHeader: '类别', rows, asOf: '2026-03-02', name: '某某党委' })
 */
export function rateChart(o: {
  kind: 'bar' | 'line';
  caption: string;
  labelHeader: string;
  rows: readonly RateRow[];
  asOf: string;
  name: string;
}): RateChartFigures {
  const { kind, rows } = o;
  const withPace = rows.some((r) => r.pace !== undefined);
  const data = {
    kind,
    label: t('chart.actual'),
    axis: t('chart.axis'),
    labels: rows.map((r) => r.label),
    values: rows.map((r) => percent(r.rate.rate)),
    texts: rows.map((r) => (r.rate.rate === null ? '' : formatRate(r.rate.rate))),
    ...(withPace && { pace: rows.map((r) => percent(r.pace)), paceLabel: t('chart.pace') }),
  };
  return {
    kind,
    title: t('chart.title', { caption: o.caption }),
    labelHeader: o.labelHeader,
    withPace,
    rows: rows.map((r) => ({
      label: r.label,
      rate: formatRate(r.rate.rate),
      pace: r.pace === undefined ? '' : formatRate(r.pace),
      done: r.rate.done,
      total: r.rate.total,
    })),
    // The JSON sits in a script element: escape "<" so no label can end that element early. As a data block
    // (type application/json) it is never run, so the Content-Security-Policy's script-src does not apply to it.
    json: JSON.stringify(data).replace(/</g, '\\u003c'),
    height: kind === 'bar' ? Math.max(12, Math.min(40, rows.length * 2.2 + 4)) : 18,
    source: t('chart.source', { name: o.name, asOf: o.asOf }),
  };
}

/** The rows of a by-category chart: each category by its Chinese name. */
export function categoryRows(byCategory: readonly { category: string; rate: Rate }[]): RateRow[] {
  return byCategory.map((c) => ({ label: labelOf(categories, c.category), rate: c.rate }));
}
