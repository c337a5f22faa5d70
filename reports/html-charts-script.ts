/**
 * The browser code of the HTML report: draws the four charts from the JSON in
 * `#report-data` with the inlined Chart.js. Plain ES2017, no module, no network.
 */
export const CHARTS_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var RED = 'rgba(196, 59, 59, 0.85)', GREEN = 'rgba(38, 140, 86, 0.85)', INK = 'rgba(20, 20, 20, 0.7)';
  var common = { animation: false, responsive: true, maintainAspectRatio: false };
  function canvas(id) { return document.getElementById(id); }
  function fmt(v) { return v === null || v === undefined ? '—' : (v > 0 ? '+' : '') + v.toFixed(1); }

  if (data.impact && canvas('impact-chart') && data.impact.length > 0) {
    new Chart(canvas('impact-chart'), {
      type: 'bar',
      data: {
        labels: data.impact.map(function (d) { return (d.label || d.theme) + (d.significant ? ' *' : ''); }),
        datasets: [
          { label: 'impact (' + data.who + ' points)', data: data.impact.map(function (d) { return d.impact; }),
            backgroundColor: data.impact.map(function (d) { return d.impact < 0 ? RED : GREEN; }), grouped: false, barPercentage: 0.75 },
          { label: '95 % interval', data: data.impact.map(function (d) { return d.ci95; }), backgroundColor: INK, grouped: false, barPercentage: 0.12 }
        ]
      },
      options: Object.assign({}, common, { indexAxis: 'y', scales: { x: { title: { display: true, text: data.who + '(all) − ' + data.who + '(all without the theme)' } } } })
    });
  }

  if (data.trend && canvas('trend-chart') && data.trend.length > 0) {
    new Chart(canvas('trend-chart'), {
      type: 'line',
      data: {
        labels: data.trend.map(function (d) { return d.period; }),
        datasets: [
          { label: '95 % low', data: data.trend.map(function (d) { return d.low; }), borderWidth: 0, pointRadius: 0, fill: false },
          { label: '95 % interval', data: data.trend.map(function (d) { return d.high; }), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: 'rgba(60, 110, 200, 0.15)' },
          { label: data.who, data: data.trend.map(function (d) { return d.nps; }), borderColor: 'rgb(40, 80, 170)', backgroundColor: 'rgb(40, 80, 170)', tension: 0.2 }
        ]
      },
      options: Object.assign({}, common, { scales: { y: { suggestedMin: -100, suggestedMax: 100 } },
        plugins: { legend: { labels: { filter: function (item) { return item.text !== '95 % low'; } } } } })
    });
  }

  if (data.heatmap && canvas('journey-heatmap') && data.heatmap.cells.length > 0) {
    var maxAbs = Math.max.apply(null, data.heatmap.cells.map(function (c) { return Math.abs(c.v); }).concat([1]));
    new Chart(canvas('journey-heatmap'), {
      type: 'matrix',
      data: { datasets: [{
        label: 'impact within the step',
        data: data.heatmap.cells,
        backgroundColor: function (ctx) {
          var cell = ctx.dataset.data[ctx.dataIndex];
          // Fewer than 30 verbatims: grey, whatever the impact (its interval is wide).
          if (cell && cell.n < 30) return 'rgba(150, 150, 150, 0.25)';
          var alpha = cell ? 0.15 + 0.85 * Math.abs(cell.v) / maxAbs : 0;
          return cell && cell.v < 0 ? 'rgba(196, 59, 59, ' + alpha + ')' : 'rgba(38, 140, 86, ' + alpha + ')';
        },
        borderColor: INK,
        borderWidth: function (ctx) { var cell = ctx.dataset.data[ctx.dataIndex]; return cell && cell.s ? 2 : 0; },
        width: function (ctx) { var a = ctx.chart.chartArea; return a ? a.width / data.heatmap.themes.length - 2 : 10; },
        height: function (ctx) { var a = ctx.chart.chartArea; return a ? a.height / data.heatmap.steps.length - 2 : 10; }
      }] },
      options: Object.assign({}, common, {
        scales: {
          x: { type: 'category', labels: data.heatmap.themes, offset: true, grid: { display: false } },
          y: { type: 'category', labels: data.heatmap.steps, offset: true, grid: { display: false } }
        },
        plugins: { legend: { display: false }, tooltip: { callbacks: {
          title: function () { return ''; },
          label: function (ctx) { var c = ctx.raw; return c.y + ' × ' + c.x + ': impact ' + fmt(c.v) + (c.s ? ' (significant)' : '') + ' (' + c.n + ' verbatims' + (c.n < 30 ? ', n < 30' : '') + ')'; }
        } } }
      })
    });
  }

  if (canvas('theme-trend-chart') && data.themeTrend && data.themeTrend.length > 0) {
    new Chart(canvas('theme-trend-chart'), {
      type: 'bar',
      data: {
        labels: data.themeTrend.map(function (d) { return d.period; }),
        datasets: [
          { type: 'bar', label: 'share of comments (%)', data: data.themeTrend.map(function (d) { return d.share * 100; }), backgroundColor: 'rgba(60, 110, 200, 0.5)', yAxisID: 'y' },
          { type: 'line', label: 'impact (points)', data: data.themeTrend.map(function (d) { return d.impact; }), borderColor: RED, backgroundColor: RED, yAxisID: 'y1' }
        ]
      },
      options: Object.assign({}, common, { scales: { y: { position: 'left', beginAtZero: true }, y1: { position: 'right', grid: { drawOnChartArea: false } } } })
    });
  }

  if (data.moments && canvas('moment-chart') && data.moments.length > 0) {
    var t = data.thresholds;
    function line(x1, y1, x2, y2) { return { type: 'line', data: [{ x: x1, y: y1 }, { x: x2, y: y2 }], borderColor: 'rgba(0,0,0,0.25)', borderDash: [4, 4], pointRadius: 0, showLine: true }; }
    new Chart(canvas('moment-chart'), {
      type: 'scatter',
      data: { datasets: [
        { label: 'steps with an employee signal', data: data.moments.filter(function (m) { return m.employeeSignal; }), pointRadius: 7, backgroundColor: 'rgb(40, 80, 170)' },
        { label: 'no employee signal (neutral, or too few answers: drawn at 0)', data: data.moments.filter(function (m) { return !m.employeeSignal; }), pointRadius: 7, pointStyle: 'rectRot', backgroundColor: 'rgb(230, 140, 40)' },
        line(t.positive, -1, t.positive, 1), line(t.negative, -1, t.negative, 1), line(-1, t.positive, 1, t.positive), line(-1, t.negative, 1, t.negative)
      ] },
      plugins: [{
        id: 'stepLabels',
        afterDatasetsDraw: function (chart) {
          var ctx = chart.ctx;
          ctx.save();
          ctx.font = '11px system-ui, sans-serif';
          ctx.fillStyle = '#333';
          [0, 1].forEach(function (index) {
            chart.getDatasetMeta(index).data.forEach(function (point, i) {
              ctx.fillText(chart.data.datasets[index].data[i].step, point.x + 9, point.y + 4);
            });
          });
          ctx.restore();
        }
      }],
      options: Object.assign({}, common, {
        scales: { x: { min: -1, max: 1, title: { display: true, text: 'customer valence' } }, y: { min: -1, max: 1, title: { display: true, text: 'employee valence' } } },
        plugins: { legend: { labels: { filter: function (item) { return item.datasetIndex < 2; } } }, tooltip: { callbacks: {
          label: function (ctx) { var m = ctx.raw; return m.step ? m.step + ': ' + m.moment + ' (' + m.x.toFixed(2) + ', ' + (m.employeeSignal ? m.y.toFixed(2) : 'none') + ')' : ''; }
        } } }
      })
    });
  }
})();`;
