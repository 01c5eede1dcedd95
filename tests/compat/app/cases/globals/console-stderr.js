// console.error/warn/trace go to stderr, not stdout; only log/info/debug/table/dir reach stdout
console.error('to stderr');
console.warn('to stderr too');
console.trace('trace to stderr');
console.log('stdout line');
console.info('info line');
