// the names node:worker_threads exports
const wt = require('worker_threads');
console.log(Object.keys(wt).sort().join(','));
