// assert.strict: equal means strictEqual; assert/strict module identity
const assert = require('assert');
const strict = require('assert/strict');
console.log(strict === assert.strict, strict.equal === assert.strictEqual, strict.deepEqual === assert.deepStrictEqual);
try { strict.equal(1, '1'); } catch (e) { console.log(e.code, e.operator); }
try { strict.deepEqual({ a: 1 }, { a: '1' }); } catch (e) { console.log(e.code, e.operator); }
console.log(Object.keys(assert).sort().join(','));
