/**
 * Browsers give `crypto.randomUUID` only to secure contexts (https or
 * localhost). On a campus LAN the admin is opened as http://10.x.x.x/admin/,
 * where Decap would fail with "crypto.randomUUID is not a function"; this
 * fills the gap with an RFC 4122 version-4 UUID from `getRandomValues`, which
 * browsers provide everywhere. Loaded before Decap.
 */
export function randomUUID(): `${string}-${string}-${string}-${string}-${string}` {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

if (typeof crypto !== 'undefined' && typeof crypto.randomUUID !== 'function') {
  Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
}
