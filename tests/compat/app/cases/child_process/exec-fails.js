// exec runs a shell command and returns its output
// @differs: one process per VM: child_process.exec calls back with ERR_NOT_SUPPORTED_ON_NEPHOS (docs/compat.md, node:child_process)
const cp = require('child_process');
cp.exec('echo hi', (err, stdout) => console.log(err, JSON.stringify(stdout)));
