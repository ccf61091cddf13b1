/**
 * Hands the numbers already in the page to chart.js. Only the controllers,
 * elements, scales and plugins used are registered, so the rest of chart.js
 * is tree-shaken away. No animation: corridor screens run for months.
 * The unit is on the axis (%), each bar carries its value as the table prints
 * it, a line carries its last value at its end, and a trend's expected pace is
 * a dashed second line with a legend.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type Plugin,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend);

interface ChartData {
  kind: 'bar' | 'line';
  label: string;
  axis: string;
  labels: string[];
  values: (number | null)[];
  /** The values as the table prints them (33.3%). */
  texts: string[];
  pace?: (number | null)[];
  paceLabel?: string;
}

/** Writes each bar's value at its end, and a line's last value beside its last point. */
function valueLabels(data: ChartData, color: string): Plugin {
  return {
    id: 'valueLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.fillStyle = color;
      ctx.font = `600 ${Math.round(Chart.defaults.font.size ?? 12)}px ${Chart.defaults.font.family ?? 'sans-serif'}`;
      ctx.textBaseline = 'middle';
      meta.data.forEach((el, i) => {
        const text = data.texts[i];
        if (!text || (data.kind === 'line' && i !== lastIndex(data.values))) return;
        const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
        if (data.kind === 'bar') {
          // Inside the plot area: after the bar, or just before the right edge for a bar near 100%.
          const width = ctx.measureText(text).width;
          const right = chart.chartArea.right;
          ctx.textAlign = 'left';
          ctx.fillText(text, Math.min(x + 4, right - width - 2), y);
        } else {
          ctx.textAlign = 'right';
          ctx.fillText(text, x - 6, y - 12);
        }
      });
      ctx.restore();
    },
  };
}

function lastIndex(values: (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i -= 1) if (values[i] !== null) return i;
  return -1;
}

/** Draws every `[data-chart]` figure on the page once. */
export function renderCharts(): void {
  const style = getComputedStyle(document.documentElement);
  const color = style.getPropertyValue('--pb-chart-1').trim() || '#a3141a';
  const text = style.getPropertyValue('--pb-color-text').trim() || '#1f1f1f';
  const muted = style.getPropertyValue('--pb-color-muted').trim() || '#555';
  for (const fig of document.querySelectorAll<HTMLElement>('[data-chart]')) {
    if (fig.dataset.drawn) continue;
    const canvas = fig.querySelector('canvas');
    const json = fig.querySelector('script[type="application/json"]');
    if (!canvas || !json?.textContent) continue;
    const data = JSON.parse(json.textContent) as ChartData;
    fig.dataset.drawn = 'true';
    const percent = {
      min: 0,
      max: 100,
      ticks: { color: text, callback: (v: string | number) => `${v}%` },
      title: { display: true, text: data.axis, color: text },
    };
    const datasets = [
      { label: data.label, data: data.values, backgroundColor: color, borderColor: color, borderWidth: 2 },
      ...(data.pace
        ? [
            {
              label: data.paceLabel ?? '',
              data: data.pace,
              borderColor: muted,
              backgroundColor: muted,
              borderDash: [6, 4],
              borderWidth: 2,
              pointRadius: 0,
            },
          ]
        : []),
    ];
    new Chart(canvas, {
      type: data.kind,
      data: { labels: data.labels, datasets },
      plugins: [valueLabels(data, text)],
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: data.kind === 'bar' ? 'y' : 'x',
        plugins: { legend: { display: Boolean(data.pace), labels: { color: text } } },
        scales: {
          x: data.kind === 'bar' ? percent : { ticks: { color: text } },
          y: data.kind === 'line' ? percent : { ticks: { color: text } },
        },
      },
    });
  }
}
