// spawnSync of a missing program reports an error
// @differs: one process per VM: spawnSync throws ERR_NOT_SUPPORTED_ON_NEPHOS instead of returning { error: ENOENT }
const cp = require('child_process');
const r = cp.spawnSync('/no/such/program-xyz');
console.log(r.error && r.error.code, r.status);
