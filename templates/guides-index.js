// Filters the guide list by text, department and tier. Inlined into guides/index.html and allowed
// there by its sha256 in the Content-Security-Policy; no other script may run.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var q = document.getElementById('q');
  var dept = document.getElementById('dept');
  var tier = document.getElementById('tier');
  var count = document.getElementById('count');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#items tbody tr'));
  function apply() {
    var words = q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-text') || '';
      var ok = (!dept.value || row.getAttribute('data-dept') === dept.value) &&
        (!tier.value || (' ' + row.getAttribute('data-tiers') + ' ').indexOf(' ' + tier.value + ' ') >= 0) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = '显示 ' + shown + ' / ' + rows.length + ' 个事项';
  }
  form.hidden = false;
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  [q, dept, tier].forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  apply();
})();
