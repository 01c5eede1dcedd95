// performance.toJSON and nodeTiming fields exist; marks serialise to JSON
const { performance } = require('perf_hooks');
const j = performance.toJSON();
console.log(Object.keys(j).sort().join(','));
console.log(Object.keys(JSON.parse(JSON.stringify(performance.mark('j')))).sort().join(','));
console.log(typeof performance.nodeTiming, performance.nodeTiming.name, performance.nodeTiming.entryType);
