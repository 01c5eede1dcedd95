// util.styleText and inspect colors; util.format with %o on nested; util.aborted existence
const util = require('util');
console.log(typeof util.styleText === 'function' ? JSON.stringify(util.styleText('red', 'hi')) : 'n/a');
console.log(JSON.stringify(util.inspect('s', { colors: true })), JSON.stringify(util.inspect(5, { colors: true })));
console.log(util.inspect.styles.number, util.inspect.styles.string, util.inspect.colors.red);
console.log(util.format('%o', { a: [1, 2, { b: 'c' }] }));
console.log(typeof util.aborted, typeof util.transferableAbortSignal);
