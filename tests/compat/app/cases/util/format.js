// util.format: %s %d %i %f %j %o %O %c %%, extra arguments, symbols and bigints
const util = require('util');
console.log(util.format('%s %s', 'a'), util.format('%d|%i|%f', '42.5', 42.9, '1.5e3'));
console.log(util.format('%j', { a: [1, 'x'] }), util.format('%%s %s', 'y'), util.format('%c', 'css'), util.format('a', 'b', 3));
console.log(util.format('%s', Symbol('sym')), util.format('%d', 10n), util.format('%i', 10n), util.format('%s', 12345678901234567890n));
console.log(util.format('%s', { a: { b: { c: 1 } } }), util.format('%s', [1, [2, [3]]]), util.format('%s', null), util.format('%s', -0));
const circ = {}; circ.self = circ;
console.log(util.format('%j', circ), util.format('%o', [1]), util.format('%O', { f() {} }));
console.log(util.format(1, '%s', 2), util.format('%s'), util.format(), util.formatWithOptions({ colors: true }, '%s', 'x'));
console.log(util.format('%d %d', {}, 'abc'), util.format('%s', new Error('e').message), util.format('%s', () => 1));
