// The report page's own script: draws every chart of the inlined document with chart.js and
// makes tables sortable. Data is read from the JSON element and only ever put into the page
// as text (textContent, chart.js labels), never as markup.
(() => {
  const doc = JSON.parse(document.getElementById('report-data').textContent);
  // Read by tests and by anyone scripting the page: each chart by id, and errors met.
  const state = { charts: {}, errors: [], ready: false };
  window.autosloReport = state;

  Chart.defaults.font.family = "'DejaVu Sans', Helvetica, Arial, sans-serif";
  Chart.defaults.color = '#222222';
  Chart.defaults.animation = false;

  /** A point's own tooltip lines (`tip`) replace chart.js's default "(x, y)". */
  const tooltip = {
    callbacks: {
      title(items) {
        const raw = items[0]?.raw;
        return raw && Array.isArray(raw.tip) ? items[0].dataset.label : undefined;
      },
      label(item) {
        const raw = item.raw;
        return raw && Array.isArray(raw.tip) ? raw.tip : undefined;
      },
    },
  };

  function drawChart(spec) {
    const canvas = document.getElementById(spec.id);
    if (!canvas) throw new Error(`no canvas for chart ${spec.id}`);
    const options = { ...spec.options, responsive: true, maintainAspectRatio: false };
    const plugins = { ...(options.plugins ?? {}) };
    plugins.tooltip = { ...tooltip, ...(plugins.tooltip ?? {}) };
    plugins.tooltip.callbacks = { ...tooltip.callbacks };
    options.plugins = plugins;
    const datasets = spec.datasets.map(({ role, ...rest }) => ({ ...rest, autosloRole: role }));
    const data = spec.labels ? { labels: spec.labels, datasets } : { datasets };
    state.charts[spec.id] = new Chart(canvas, { type: spec.type, data, options });
  }

  function sortable(table) {
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach((th, col) => {
      th.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const h of heads) h.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        const key = (row) => {
          const cell = row.cells[col];
          if (!cell) return '';
          const v = cell.getAttribute('data-v');
          return v === null ? cell.textContent : Number(v);
        };
        rows.sort((a, b) => {
          const ka = key(a);
          const kb = key(b);
          const order =
            typeof ka === 'number' && typeof kb === 'number'
              ? ka - kb
              : String(ka).localeCompare(String(kb));
          return ascending ? order : -order;
        });
        for (const r of rows) body.appendChild(r);
      });
    });
  }

  for (const section of doc.sections) {
    for (const spec of section.charts ?? []) {
      try {
        drawChart(spec);
      } catch (error) {
        state.errors.push(`${spec.id}: ${error}`);
        console.error(`chart ${spec.id} failed:`, error);
      }
    }
  }
  for (const table of document.querySelectorAll('table.sortable')) sortable(table);
  state.ready = true;
})();
