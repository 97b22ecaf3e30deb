'use strict';
document.getElementById('query').textContent = new URLSearchParams(location.search).get('phone') ?? '';
