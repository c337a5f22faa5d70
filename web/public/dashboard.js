// verbatim dashboard charts. Reads the chart data from the page's JSON block and
// draws with Chart.js (served from this origin). Text is only ever drawn on canvas
// or set with textContent: no HTML is built from data here.
(function () {
  'use strict';
  const block = document.getElementById('chart-data');
  if (block === null || typeof window.Chart === 'undefined') return;
  const data = JSON.parse(block.textContent || '{}');
  const Chart = window.Chart;
  const ink = '#1d2330';
  const grid = '#e6e9ef';
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.color = '#5b6475';
  Chart.defaults.animation = false;

  const builders = {
    trend: function (d) {
      return {
        data: {
          labels: d.labels,
          datasets: [
            { type: 'line', label: d.line || 'NPS', data: d.nps, yAxisID: 'nps', borderColor: '#2f5bd3', backgroundColor: '#2f5bd3', tension: 0.25, spanGaps: true, order: 0 },
            { type: 'line', label: '95 % low', data: d.low, yAxisID: 'nps', borderColor: 'rgba(47,91,211,0.25)', pointRadius: 0, borderDash: [4, 4], fill: false, order: 1 },
            { type: 'line', label: '95 % high', data: d.high, yAxisID: 'nps', borderColor: 'rgba(47,91,211,0.25)', pointRadius: 0, borderDash: [4, 4], fill: '-1', backgroundColor: 'rgba(47,91,211,0.08)', order: 1 },
            { type: 'bar', label: 'Verbatims', data: d.volume, yAxisID: 'volume', backgroundColor: 'rgba(91,100,117,0.25)', order: 2 },
          ],
        },
        options: {
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            nps: { type: 'linear', position: 'left', suggestedMin: -50, suggestedMax: 50, title: { display: true, text: d.line || 'NPS' }, grid: { color: grid } },
            volume: { type: 'linear', position: 'right', beginAtZero: true, title: { display: true, text: 'verbatims' }, grid: { drawOnChartArea: false } },
            x: { grid: { display: false } },
          },
          plugins: { legend: { labels: { filter: function (item) { return item.text.indexOf('95 %') !== 0; } } } },
        },
      };
    },
    drivers: function (d) {
      const colors = d.impact.map(function (v) { return v < 0 ? '#c0392b' : '#1f8a4c'; });
      return {
        type: 'bar',
        data: {
          labels: d.labels,
          datasets: [
            { label: 'Impact on NPS', data: d.impact, backgroundColor: colors, barPercentage: 0.7, grouped: false, order: 1 },
            { label: '95 % interval', data: d.ci, backgroundColor: 'rgba(29,35,48,0.55)', barPercentage: 0.12, grouped: false, order: 0 },
          ],
        },
        options: {
          indexAxis: 'y',
          maintainAspectRatio: false,
          scales: { x: { title: { display: true, text: 'NPS points' }, grid: { color: grid } }, y: { grid: { display: false }, ticks: { color: ink } } },
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: function (context) {
                  const raw = context.raw;
                  if (Array.isArray(raw)) return '95 % interval ' + raw[0] + ' to ' + raw[1];
                  return 'impact ' + (raw > 0 ? '+' : '') + raw;
                },
              },
            },
          },
        },
      };
    },
  };

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    const spec = data[canvas.getAttribute('data-chart')];
    if (!spec) return;
    const build = builders[spec.kind];
    if (!build) return;
    if (!spec.labels || spec.labels.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = 'No data for these filters.';
      canvas.parentNode.replaceChild(empty, canvas);
      return;
    }
    new Chart(canvas, build(spec));
  });
})();
