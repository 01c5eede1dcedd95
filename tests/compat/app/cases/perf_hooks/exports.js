// the names node:perf_hooks exports and constants
const ph = require('perf_hooks');
console.log(Object.keys(ph).sort().join(','));
console.log(JSON.stringify(ph.constants));
