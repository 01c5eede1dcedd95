// the names node:os exports
const os = require('os');
console.log(Object.keys(os).sort().join(','));
