// the names node:child_process exports
const cp = require('child_process');
console.log(Object.keys(cp).sort().join(','));
