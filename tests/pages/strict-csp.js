'use strict';
// The page's own script (script-src 'self'): proves page scripts run, and adds a row later.
window.setTimeout(() => {
  document.getElementById('later').textContent = 'Thêm sau: 0912 345 678';
}, 300);
