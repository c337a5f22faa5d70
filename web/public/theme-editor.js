// Theme editor: while a re-tag runs, poll its progress and move the bar; reload once it ends,
// so the history, the labels and the state shown are the new ones.
(function () {
  'use strict';
  const section = document.getElementById('retag');
  if (section === null || section.dataset.state !== 'running') return;
  const bar = document.getElementById('retag-progress');
  const status = document.getElementById('retag-status');
  async function poll() {
    let job;
    try {
      const response = await fetch('/themes/edit/progress', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      job = await response.json();
    } catch {
      setTimeout(poll, 1000);
      return;
    }
    bar.max = Math.max(job.total, 1);
    bar.value = job.done;
    section.dataset.state = job.state;
    if (job.state === 'running') {
      status.textContent = 'Re-tagging with version ' + job.version + ': ' + job.done + ' of ' + job.total;
      setTimeout(poll, 500);
    } else if (job.state === 'done') {
      status.textContent = 'Re-tag with version ' + job.version + ' done: ' + job.done + ' verbatims';
    } else if (job.state === 'failed') {
      status.textContent = 'Re-tag with version ' + job.version + ' failed: ' + job.error;
    }
  }
  poll();
})();
