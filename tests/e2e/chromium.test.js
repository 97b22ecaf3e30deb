require('./suite.js').run('chromium');
