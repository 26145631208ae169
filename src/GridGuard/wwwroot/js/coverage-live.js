// The coverage board (/testing-rounds/{id}): every 10 seconds, fetch the same figures as JSON and update the cells in
// place (data-cell attributes), so the board is live while scans arrive. Without JavaScript the page is still correct
// at the time it was loaded.
// Loaded on every page (App.razor); it starts on a board after a full load and after Blazor's enhanced navigation.
(function () {
  var timer = null;
  var section = null;

  function set(scope, row) {
    var cells = {
      sampled: row.sampled, expected: row.expected, missing: row.missing, exempt: row.exempt, percent: row.percent,
    };
    Object.keys(cells).forEach(function (k) {
      var cell = scope.querySelector('[data-cell="' + k + '"]');
      if (cell) {
        cell.textContent = cells[k];
      }
    });
  }

  function refresh() {
    fetch(section.getAttribute('data-coverage-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (board) {
        if (!board) {
          return;
        }

        set(section, board.node);
        var bar = section.querySelector('[data-cell="bar"]');
        if (bar) {
          bar.value = board.node.percent;
        }

        var unregistered = section.querySelector('[data-cell="unregistered"]');
        if (unregistered) {
          unregistered.textContent = board.unregistered;
        }

        board.children.forEach(function (c) {
          var row = document.querySelector('tr[data-node="' + c.nodeId + '"]');
          if (row) {
            set(row, c);
          }
        });
        var updated = section.querySelector('[data-cell="updated"]');
        if (updated) {
          updated.textContent = new Date().toLocaleTimeString('zh-CN', { hour12: false });
        }
      })
      .catch(function () { /* offline: keep the last figures */ });
  }

  function init() {
    if (timer) {
      clearInterval(timer);
      timer = null;
    }

    section = document.querySelector('[data-coverage-url]');
    if (section && window.fetch) {
      timer = setInterval(refresh, 10000);
    }
  }

  init();
  if (window.Blazor && window.Blazor.addEventListener) {
    window.Blazor.addEventListener('enhancedload', init);
  }
})();
