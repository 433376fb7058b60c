// The page's only script: sorts class tables when a column header is clicked. It reads
// numbers from data-* attributes and moves existing rows; it never builds markup, so
// no snapshot string ever passes through it. Plain ES2017, allowed by its CSP hash.

export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var buttons = document.querySelectorAll('table.sortable button[data-sort]');
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener('click', function () {
      var key = button.getAttribute('data-sort');
      var th = button.parentElement;
      var table = th.closest('table');
      var body = table.tBodies[0];
      var descending = th.getAttribute('aria-sort') !== 'descending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var d = Number(a.getAttribute('data-' + key)) - Number(b.getAttribute('data-' + key));
        return descending ? -d : d;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();`;
