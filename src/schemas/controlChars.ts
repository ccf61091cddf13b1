/**
 * Invisible control characters in text. They arrive with text pasted from
 * other programs, show as nothing on the page and make an XML feed
 * malformed, so no text field may hold them: no C0 control (but tab, line
 * feed and carriage return in multi-line text), no DEL, no C1 control.
 */

const IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Where the first forbidden character of `s` is, and which it is. */
export interface ControlChar {
  /** Index of the character (0-based, UTF-16 units). */
  index: number;
  /** Its code point, as `U+0007`. */
  code: string;
  /** True for a line break (refused only in one-line text). */
  lineBreak: boolean;
}

/**
 * The first control character `s` may not hold, or undefined.
 * @example findControlChar('通报\u0007', false) // → { index: 2, code: 'U+0007', lineBreak: false }
 */
export function findControlChar(s: string, multiline: boolean): ControlChar | undefined {
  const m = (multiline ? IN_TEXT : IN_LINE).exec(s);
  if (!m) return undefined;
  const c = m[0];
  return { index: m.index, code: codePoint(c), lineBreak: c === '\n' || c === '\r' };
}

/** `U+0007` for a character. */
export function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The message for a text field holding a control character, naming the field by its label. */
export function controlCharMessage(label: string, found: ControlChar): string {
  if (found.lineBreak) return `「${label}」只能写一行，不能换行：请删除其中的换行。`;
  return `「${label}」第 ${found.index + 1} 个字处含有不可见的控制字符（${found.code}），常见于从网页、Word 或其他软件复制来的文字：请删除它后再保存。`;
}
