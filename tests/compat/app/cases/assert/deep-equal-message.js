// the diff message of a failed deepStrictEqual
const assert = require('assert');
try { assert.deepStrictEqual({ a: 1, b: [1, 2, 3], c: 'x' }, { a: 1, b: [1, 2, 4], c: 'x' }); } catch (e) { console.log(e.message); }
try { assert.deepStrictEqual([1, 2], [1, 2, 3]); } catch (e) { console.log(e.message); }
