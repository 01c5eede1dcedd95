// fork of a missing module reports through events, the parent keeps running
// @differs: one process per VM: fork() emits 'error' (ERR_NOT_SUPPORTED_ON_NEPHOS) then 'close', where Node starts a child that exits
const cp = require('child_process');
let c;
try { c = cp.fork('/no/such/module-xyz.js', [], { silent: true }); } catch (e) { console.log('threw'); }
if (c) {
  c.on('error', () => console.log('error event'));
  c.on('exit', (code) => console.log('exit event'));
  c.on('close', () => console.log('close event'));
}
console.log('continues');
