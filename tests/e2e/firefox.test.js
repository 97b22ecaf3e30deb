require('./suite.js').run('firefox');
