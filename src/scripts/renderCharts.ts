/**
 * Hands the numbers already in the page to chart.js. Only the controllers,
 * elements and scales used are registered, so the rest of chart.js is
 * tree-shaken away. No animation: corridor screens run for months.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale);

interface ChartData {
  kind: 'bar' | 'line';
  label: string;
  labels: string[];
  values: (number | null)[];
}

/** Draws every `[data-chart]` figure on the page once. */
export function renderCharts(): void {
  const style = getComputedStyle(document.documentElement);
  const color = style.getPropertyValue('--pb-chart-1').trim() || '#a3141a';
  const text = style.getPropertyValue('--pb-color-text').trim() || '#1f1f1f';
  for (const fig of document.querySelectorAll<HTMLElement>('[data-chart]')) {
    if (fig.dataset.drawn) continue;
    const canvas = fig.querySelector('canvas');
    const json = fig.querySelector('script[type="application/json"]');
    if (!canvas || !json?.textContent) continue;
    const data = JSON.parse(json.textContent) as ChartData;
    fig.dataset.drawn = 'true';
    new Chart(canvas, {
      type: data.kind,
      data: {
        labels: data.labels,
        datasets: [{ label: data.label, data: data.values, backgroundColor: color, borderColor: color, borderWidth: 2 }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: data.kind === 'bar' ? 'y' : 'x',
        scales: {
          x: { ticks: { color: text }, ...(data.kind === 'bar' && { min: 0, max: 100 }) },
          y: { ticks: { color: text }, ...(data.kind === 'line' && { min: 0, max: 100 }) },
        },
      },
    });
  }
}
