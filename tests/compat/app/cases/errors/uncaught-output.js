// an uncaught error thrown at top level: stdout so far, exit code 1
console.log('before');
throw new TypeError('top-level failure');
