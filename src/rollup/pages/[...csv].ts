/** `internal/ranking.csv` of an internal roll-up: every kind's 考核评比 across units, every stage, one row per unit (src/lib/rollupRanking.ts). */
import type { APIRoute } from 'astro';
import { getRollup } from '../../data/rollup.ts';
import { t } from '../../i18n/t.ts';
import { csvDocument } from '../../lib/csv.ts';
import { unitRankings } from '../../lib/rollupRanking.ts';

export function getStaticPaths() {
  return getRollup().scope === 'internal' ? [{ params: { csv: 'internal/ranking.csv' } }] : [];
}

const rate = (c: { done: number; total: number }) => (c.total ? Math.round((c.done / c.total) * 1000) / 10 : null);

export const GET: APIRoute = () => {
  const rows = unitRankings(getRollup().shards).flatMap((k) =>
    k.stages.flatMap((st) =>
      st.rows.map((r) => [
        k.kind,
        st.title,
        st.start,
        st.end,
        r.rank,
        r.id,
        r.name,
        rate(r.completion),
        r.completion.done,
        r.completion.total,
        rate(r.onTime),
        rate(r.records),
        rate(r.checks),
        rate(r.bulletins),
        r.averageScore,
      ]),
    ),
  );
  const head = [
    t('rollup.internal.csvKind'),
    t('rollup.internal.csvStage'),
    t('rollup.internal.csvStart'),
    t('rollup.internal.csvEnd'),
    t('rollup.internal.rank'),
    t('rollup.id'),
    t('rollup.unit'),
    t('rollup.internal.csvCompletion'),
    t('col.done'),
    t('col.total'),
    t('rollup.internal.csvOnTime'),
    t('rollup.internal.csvRecords'),
    t('rollup.internal.csvChecks'),
    t('rollup.internal.csvBulletins'),
    t('rollup.internal.score'),
  ];
  return new Response(csvDocument([head, ...rows]), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
