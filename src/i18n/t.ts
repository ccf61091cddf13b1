/** Every visible string goes through `t()`; the Chinese lives in `zh-CN.json`. */
import zhCN from './zh-CN.json';

export type MessageKey = keyof typeof zhCN;

/** The Chinese text of `key`, with `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return zhCN[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

// One decimal everywhere, so that 16.0% and 33.3% line up in a column and read alike on every page.
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('zh-CN');

/** A rate as a Chinese percentage, or 暂无数据. */
export function formatRate(rate: number | null): string {
  return rate === null ? t('board.noData') : percent.format(rate);
}

/** A whole number, grouped the Chinese way. */
export function formatInt(n: number): string {
  return integer.format(n);
}
