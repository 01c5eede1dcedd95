// process API presence: umask, getuid, emit, binding, allowedNodeEnvironmentFlags, setUncaughtExceptionCaptureCallback
console.log(typeof process.umask(), typeof process.getuid, typeof process.binding, process.allowedNodeEnvironmentFlags instanceof Set);
console.log(process.hasUncaughtExceptionCaptureCallback());
process.setUncaughtExceptionCaptureCallback((e) => console.log('captured', e.message));
console.log(process.hasUncaughtExceptionCaptureCallback());
setTimeout(() => { throw new Error('to capture'); }, 1);
setTimeout(() => { process.setUncaughtExceptionCaptureCallback(null); console.log('reset'); }, 5);
