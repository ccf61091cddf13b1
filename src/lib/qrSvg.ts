/**
 * The SVG of a QR code for a URL, drawn at build time. The last URL drawn is
 * remembered: a desk sign shows the same code on both faces of its card, so
 * each member's code is computed once, and nothing grows with the site.
 */
import QRCode from 'qrcode';

let last: { url: string; svg: Promise<string> } | undefined;

/** The QR code of `url` as an SVG element string (margin 2, error correction M). */
export function qrSvg(url: string): Promise<string> {
  if (last?.url !== url) last = { url, svg: QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) };
  return last.svg;
}
