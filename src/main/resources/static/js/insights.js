// Draws the dashboard's charts from the numbers the page carries in data-series; the same numbers are in the
// tables below each chart, so nothing depends on this script.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') { return; }
  var lang = document.documentElement.lang || 'en';
  var percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  // A fresh object per chart: Chart.js keeps what it resolves in the options it is given.
  function common() {
    return { responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: 'bottom' } } };
  }

  function draw(canvas) {
    var rows = JSON.parse(canvas.dataset.series || '[]');
    var kind = canvas.dataset.chart;
    if (kind === 'firstResponse') {
      new Chart(canvas, { type: 'line', options: common(), data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [
          { label: canvas.dataset.labelMedian, data: rows.map(function (r) { return r.medianHours; }), borderColor: '#1f6feb', backgroundColor: '#1f6feb', spanGaps: true },
          { label: canvas.dataset.labelP90, data: rows.map(function (r) { return r.p90Hours; }), borderColor: '#b35900', backgroundColor: '#b35900', borderDash: [6, 4], spanGaps: true }
        ] } });
    } else if (kind === 'volume') {
      new Chart(canvas, { type: 'bar', options: common(), data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [
          { label: canvas.dataset.labelNeeding, data: rows.map(function (r) { return r.needingAnswer; }), backgroundColor: '#9db7d5' },
          { label: canvas.dataset.labelAnswered, data: rows.map(function (r) { return r.answered; }), backgroundColor: '#2e7d32' }
        ] } });
    } else if (kind === 'channels') {
      var options = Object.assign(common(), { indexAxis: 'y',
        scales: { x: { min: 0, max: 1, ticks: { callback: function (v) { return percent.format(v); } } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return percent.format(c.raw || 0); } } } } });
      new Chart(canvas, { type: 'bar', options: options, data: {
        labels: rows.map(function (r) { return r.name; }),
        datasets: [{ label: canvas.dataset.labelRate, data: rows.map(function (r) { return r.rate; }), backgroundColor: '#1f6feb' }] } });
    } else if (kind === 'funnel') {
      new Chart(canvas, { type: 'bar', options: Object.assign(common(), { indexAxis: 'y' }), data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [
          { label: canvas.dataset.labelReached, data: rows.map(function (r) { return r.reached; }), backgroundColor: '#1f6feb' },
          { label: canvas.dataset.labelNow, data: rows.map(function (r) { return r.now; }), backgroundColor: '#9db7d5' }
        ] } });
    } else if (kind === 'outcomes') {
      new Chart(canvas, { type: 'bar', options: Object.assign(common(), { indexAxis: 'y', plugins: { legend: { display: false } } }), data: {
        labels: rows.map(function (r) { return r.kind + ' · ' + r.channel; }),
        datasets: [{ label: canvas.dataset.labelOutcomes, data: rows.map(function (r) { return r.count; }), backgroundColor: '#2e7d32' }] } });
    }
  }

  document.querySelectorAll('canvas[data-chart]').forEach(draw);
})();
