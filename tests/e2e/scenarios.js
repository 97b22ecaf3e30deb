'use strict';
// The scenarios now live one file per feature in scenarios/ (collected by suite.js) and the
// shared helpers in helpers.js. This module stays for scripts/dev (demo, page benchmark), which
// import the helpers from here.
module.exports = require('./helpers.js');
