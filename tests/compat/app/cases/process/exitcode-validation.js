// exitCode and exit() validate their argument: strings of integers work, others throw
const t = (f) => { try { f(); console.log('ok', process.exitCode); } catch (e) { console.log(e.code, e.message); } };
t(() => { process.exitCode = '7'; });
t(() => { process.exitCode = 'abc'; });
t(() => { process.exitCode = 1.5; });
t(() => { process.exitCode = {}; });
t(() => { process.exitCode = undefined; });
t(() => process.exit('x'));
process.exitCode = 0;
