// a helper module required by the module cases
exports.loadedCount = (exports.loadedCount || 0) + 1;
exports.name = 'helper';
exports.dirnameBase = require('path').basename(__dirname);
