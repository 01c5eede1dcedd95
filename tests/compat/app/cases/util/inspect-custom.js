// util.inspect.custom and the options/inspect arguments it receives; Symbol.for('nodejs.util.inspect.custom')
const util = require('util');
class Money { constructor(v) { this.v = v; } [util.inspect.custom](depth, opts, inspect) { return `Money<${inspect(this.v, opts)}> depth=${depth}`; } }
console.log(util.inspect(new Money(5)), util.inspect({ m: new Money('x') }));
console.log(util.inspect.custom === Symbol.for('nodejs.util.inspect.custom'));
const o = { [Symbol.for('nodejs.util.inspect.custom')]() { return { replaced: true }; } };
console.log(util.inspect(o), `${util.format('%o', o)}`);
console.log(util.inspect({ inspect() { return 'not used'; } }));
