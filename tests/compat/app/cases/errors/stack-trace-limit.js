// Error.stackTraceLimit bounds the number of frames; 0 gives the message line only
function deep(n) { if (n === 0) return new Error('deep'); return deep(n - 1); }
console.log(typeof Error.stackTraceLimit, Error.stackTraceLimit);
Error.stackTraceLimit = 3;
console.log(deep(10).stack.split('\n').length);
Error.stackTraceLimit = 0;
console.log(JSON.stringify(deep(5).stack));
Error.stackTraceLimit = 10;
