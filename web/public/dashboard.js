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
    // NPS a group of a breakdown (no bar for a withheld score).
    groups: function (d) {
      return {
        type: 'bar',
        data: {
          labels: d.labels,
          datasets: [{ label: 'NPS', data: d.nps, backgroundColor: d.nps.map(function (v) { return v !== null && v < 0 ? '#c0392b' : '#2f5bd3'; }), barPercentage: 0.7 }],
        },
        options: {
          maintainAspectRatio: false,
          scales: { y: { suggestedMin: -50, suggestedMax: 50, title: { display: true, text: 'NPS' }, grid: { color: grid } }, x: { grid: { display: false }, ticks: { color: ink } } },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (context) { return 'NPS ' + context.raw + ' · ' + d.n[context.dataIndex] + ' verbatims'; } } },
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
    const config = build(spec);
    if (Array.isArray(spec.hrefs)) clickThrough(config, spec.hrefs);
    new Chart(canvas, config);
    addDownload(canvas);
  });

  // A bar opens its verbatims: the URL comes from the server in the chart data (one a
  // bar); only same-origin paths are followed, nothing is built from the labels here.
  function localPath(url) {
    return typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/' && url.charAt(1) !== '\\';
  }
  function hit(chart, event) {
    const elements = chart.getElementsAtEventForMode(event, 'nearest', { intersect: true }, true);
    return elements.length > 0 ? elements[0].index : -1;
  }
  function clickThrough(config, hrefs) {
    config.options = config.options || {};
    config.options.onClick = function (event, _elements, chart) {
      const url = hrefs[hit(chart, event)];
      if (localPath(url)) window.location.assign(url);
    };
    config.options.onHover = function (event, _elements, chart) {
      chart.canvas.style.cursor = localPath(hrefs[hit(chart, event)]) ? 'pointer' : 'default';
    };
  }

  // "PNG" under each chart: the canvas on a white background (a bare canvas is transparent).
  function addDownload(canvas) {
    const figure = canvas.closest('figure');
    if (figure === null) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'chart-download';
    button.textContent = 'Download PNG';
    button.setAttribute('data-format', 'png');
    button.addEventListener('click', function () {
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, copy.width, copy.height);
      context.drawImage(canvas, 0, 0);
      const link = document.createElement('a');
      link.href = copy.toDataURL('image/png');
      link.download = 'verbatim-' + (canvas.getAttribute('data-chart') || 'chart').replace(/[^a-z0-9_-]/gi, '_') + '.png';
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    figure.appendChild(button);
    const vector = document.createElement('button');
    vector.type = 'button';
    vector.className = 'chart-download';
    vector.textContent = 'Download SVG';
    vector.setAttribute('data-format', 'svg');
    vector.addEventListener('click', function () {
      const chart = Chart.getChart(canvas);
      if (!chart) return;
      const caption = figure.querySelector('figcaption');
      const blob = new Blob([chartSvg(chart, caption === null ? '' : caption.textContent)], { type: 'image/svg+xml' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'verbatim-' + (canvas.getAttribute('data-chart') || 'chart').replace(/[^a-z0-9_-]/gi, '_') + '.svg';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
    });
    figure.appendChild(vector);
  }

  // The chart as vector graphics, drawn from the positions Chart.js computed (bars,
  // lines, axis ticks), so it matches the canvas. Text goes in with textContent only.
  const SVG = 'http://www.w3.org/2000/svg';
  function svgNode(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function colour(value, fallback) {
    return typeof value === 'string' ? value : fallback;
  }
  function chartSvg(chart, title) {
    const top = title ? 24 : 0;
    const root = svgNode('svg', { xmlns: SVG, width: chart.width, height: chart.height + top, viewBox: '0 0 ' + chart.width + ' ' + (chart.height + top), 'font-family': 'system-ui, sans-serif', 'font-size': 11 });
    root.appendChild(svgNode('rect', { x: 0, y: 0, width: chart.width, height: chart.height + top, fill: '#ffffff' }));
    if (title) root.appendChild(svgNode('text', { x: 4, y: 16, 'font-size': 13, 'font-weight': 600, fill: ink }, title));
    const plot = svgNode('g', { transform: 'translate(0,' + top + ')' });
    root.appendChild(plot);
    Object.keys(chart.scales).forEach(function (id) {
      const scale = chart.scales[id];
      if (!scale.options.display) return;
      scale.ticks.forEach(function (tick, index) {
        const label = Array.isArray(tick.label) ? tick.label.join(' ') : String(tick.label);
        const at = scale.getPixelForTick(index);
        if (scale.isHorizontal()) plot.appendChild(svgNode('text', { x: at, y: scale.top + 14, 'text-anchor': 'middle', fill: '#5b6475' }, label));
        else plot.appendChild(svgNode('text', { x: scale.position === 'right' ? scale.left + 4 : scale.right - 4, y: at + 4, 'text-anchor': scale.position === 'right' ? 'start' : 'end', fill: '#5b6475' }, label));
      });
    });
    chart.data.datasets.forEach(function (dataset, index) {
      const meta = chart.getDatasetMeta(index);
      if (meta.hidden) return;
      if (meta.type === 'line') {
        const points = meta.data.filter(function (point) { return !point.skip; }).map(function (point) { return point.x + ',' + point.y; });
        if (points.length > 0) plot.appendChild(svgNode('polyline', { points: points.join(' '), fill: 'none', stroke: colour(dataset.borderColor, ink), 'stroke-width': 2 }));
        return;
      }
      meta.data.forEach(function (bar, at) {
        const p = bar.getProps(['x', 'y', 'base', 'width', 'height', 'horizontal'], true);
        if (p.x === undefined || isNaN(p.x) || isNaN(p.y)) return;
        const fill = Array.isArray(dataset.backgroundColor) ? dataset.backgroundColor[at] : dataset.backgroundColor;
        const box = p.horizontal
          ? { x: Math.min(p.x, p.base), y: p.y - p.height / 2, width: Math.abs(p.x - p.base), height: p.height }
          : { x: p.x - p.width / 2, y: Math.min(p.y, p.base), width: p.width, height: Math.abs(p.base - p.y) };
        box.fill = colour(fill, '#5b6475');
        plot.appendChild(svgNode('rect', box));
      });
    });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root);
  }
})();

// Saved views: the filters live in the URL, so a view is its path and query. "Copy link"
// shares it; "Save view" keeps it under a name in this browser's localStorage (per
// browser, not per token). Names are shown with textContent, links are local paths only.
(function () {
  'use strict';
  const form = document.querySelector('form.filters');
  if (form === null) return;
  const KEY = 'verbatim.views';
  function load() {
    try {
      const views = JSON.parse(window.localStorage.getItem(KEY) || '[]');
      return Array.isArray(views) ? views.filter(function (v) { return v && typeof v.name === 'string' && typeof v.url === 'string' && v.url.charAt(0) === '/' && v.url.charAt(1) !== '/'; }) : [];
    } catch {
      // Unreadable storage (private mode, a hand-edited value): no saved views.
      return [];
    }
  }
  function store(views) {
    window.localStorage.setItem(KEY, JSON.stringify(views));
  }
  const box = document.createElement('div');
  box.className = 'views';
  box.setAttribute('aria-label', 'Saved views');
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'copy-link';
  copy.textContent = 'Copy link';
  const name = document.createElement('input');
  name.type = 'text';
  name.className = 'view-name';
  name.placeholder = 'Name of this view';
  name.maxLength = 80;
  const save = document.createElement('button');
  save.type = 'button';
  save.className = 'save-view';
  save.textContent = 'Save view';
  const status = document.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');
  const list = document.createElement('ul');
  list.className = 'saved-views';

  function render() {
    list.replaceChildren();
    load().forEach(function (view, index) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = view.url;
      link.textContent = view.name;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove-view';
      remove.textContent = '×';
      remove.title = 'Forget this view';
      remove.addEventListener('click', function () {
        const views = load();
        views.splice(index, 1);
        store(views);
        render();
      });
      item.append(link, remove);
      list.appendChild(item);
    });
  }
  copy.addEventListener('click', function () {
    const url = window.location.href;
    const done = function () { status.textContent = 'Link copied'; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(done, function () { status.textContent = url; });
    } else {
      status.textContent = url;
    }
  });
  save.addEventListener('click', function () {
    const label = name.value.trim() || document.title;
    const views = load().filter(function (view) { return view.name !== label; });
    views.push({ name: label, url: window.location.pathname + window.location.search });
    store(views);
    name.value = '';
    status.textContent = 'Saved';
    render();
  });
  box.append(copy, name, save, status, list);
  form.insertAdjacentElement('afterend', box);
  render();
})();
