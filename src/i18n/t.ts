/** Every visible string goes through `t()`; the Chinese lives in `zh-CN.json`. */
import zhCN from './zh-CN.json';

export type MessageKey = keyof typeof zhCN;

/** The Chinese text of `key`, with `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return zhCN[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
