// Charts of the programs progress dashboard (templates/programs/progress.html), drawn with the
// vendored Chart.js from the figures the page embeds with json_script: nothing is fetched.
(function () {
  "use strict";
  var source = document.getElementById("progress-chart-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = { target: "rgba(108, 117, 125, 0.45)", achieved: "rgba(13, 110, 253, 0.85)" };

  document.querySelectorAll("canvas[data-metric-index]").forEach(function (canvas) {
    var metric = data.metrics[Number(canvas.dataset.metricIndex)];
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.text.target, data: metric.target, backgroundColor: colours.target },
          { label: data.text.achieved, data: metric.achieved, backgroundColor: colours.achieved },
        ],
      },
      options: {
        responsive: true,
        animation: false,
        plugins: { title: { display: true, text: metric.label } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  });

  var levels = document.getElementById("certificates-chart");
  if (levels) {
    new window.Chart(levels, {
      type: "bar",
      data: {
        labels: data.levels.labels,
        datasets: [{ label: levels.dataset.label, data: data.levels.values, backgroundColor: colours.achieved }],
      },
      // Certificates are counted: whole numbers on the axis, never 0.5.
      options: {
        responsive: true,
        animation: false,
        indexAxis: "y",
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  var digital = document.getElementById("digital-chart");
  if (digital) {
    new window.Chart(digital, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: data.text.digital, data: data.digital, backgroundColor: "rgba(13, 202, 240, 0.8)" }],
      },
      options: { responsive: true, animation: false, scales: { y: { beginAtZero: true, max: 100 } } },
    });
  }
})();
