// execSync of a missing program throws; the process continues
const cp = require('child_process');
try { cp.execSync('/no/such/program-xyz', { stdio: 'pipe' }); console.log('no throw'); } catch (e) { console.log('threw', e instanceof Error); }
console.log('continues');
