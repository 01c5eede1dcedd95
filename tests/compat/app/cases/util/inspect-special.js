// util.inspect of classes, functions, symbols, getters, null prototype, boxed values, dates, regexps
const util = require('util');
class Foo { constructor() { this.x = 1; } get y() { return 2; } }
console.log(util.inspect(new Foo()), util.inspect(Foo), util.inspect(function named() {}), util.inspect(() => {}), util.inspect(async function af() {}), util.inspect(function* g() {}));
console.log(util.inspect({ [Symbol('s')]: 1, get g() { return 1; }, set s(v) {} }, { getters: true }));
console.log(util.inspect(new Number(3)), util.inspect(new String('ab')), util.inspect(Object(Symbol('b'))), util.inspect(Object(1n)));
console.log(util.inspect(new Date(0)), util.inspect(/re/gi), util.inspect(new Date(NaN)));
console.log(util.inspect(-0), util.inspect([-0]), util.inspect(123456789n), util.inspect(NaN), util.inspect(undefined));
const withTag = { [Symbol.toStringTag]: 'Tagged', a: 1 };
console.log(util.inspect(withTag), util.inspect(new (class Bar extends Map {})()));
console.log(util.inspect(Object.assign(Object.create(null), { a: 1 })), util.inspect(Object.create({ inherited: 1 })));
