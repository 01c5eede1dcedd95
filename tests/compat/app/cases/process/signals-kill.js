// process.kill(process.pid, sig) with a handler runs the handler; bad signal names throw
process.once('SIGUSR2', (sig, num) => console.log('handler', sig, num));
console.log(process.kill(process.pid, 'SIGUSR2'));
try { process.kill(process.pid, 'SIGNOPE'); } catch (e) { console.log(e.code, e.message); }
try { process.kill('x'); } catch (e) { console.log(e.code, e.message); }
// A signal handle does not keep Node's loop alive; this timer does, so the signal is delivered.
setTimeout(() => {}, 100);
