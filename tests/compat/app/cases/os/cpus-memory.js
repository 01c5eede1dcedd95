// os.cpus, totalmem, freemem, loadavg, availableParallelism: shapes and invariants
const os = require('os');
const cpus = os.cpus();
console.log(Array.isArray(cpus), cpus.length >= 1, Object.keys(cpus[0]).sort().join(','), Object.keys(cpus[0].times).sort().join(','));
console.log(os.totalmem() > 0, os.freemem() > 0, os.freemem() <= os.totalmem(), Number.isInteger(os.totalmem()));
console.log(os.loadavg().length, os.loadavg().every((n) => typeof n === 'number'), os.availableParallelism() >= 1);
