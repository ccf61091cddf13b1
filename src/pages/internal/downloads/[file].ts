/**
 * /internal/downloads/<kind>-<key>.xlsx (internal build only): the Excel workbooks of src/data/downloads.ts, so a
 * secretary downloads from the page what `npm run export` would write, without a terminal.
 */
import type { APIRoute } from 'astro';
import { getDownloads } from '../../../data/downloads.ts';

export async function getStaticPaths() {
  return (await getDownloads()).map((d) => ({ params: { file: d.file } }));
}

export const GET: APIRoute = async ({ params }) => {
  const d = (await getDownloads()).find((x) => x.file === params.file)!;
  return new Response(new Uint8Array(d.bytes), {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
};
