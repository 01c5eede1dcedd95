// assert.strictEqual failure messages for primitives, with diff, generatedMessage and operator
const assert = require('assert');
const t = (f) => { try { f(); console.log('passed'); } catch (e) { console.log(e.name, e.code, JSON.stringify(e.message), e.generatedMessage, e.operator, e.actual, e.expected); } };
t(() => assert.strictEqual(1, 2));
t(() => assert.strictEqual('a', 'b', 'custom message'));
t(() => assert.strictEqual(1, 1));
t(() => assert.notStrictEqual(1, 1));
t(() => assert.equal(1, '1'));
t(() => assert.equal(1, 2));
t(() => assert.notEqual(1, '1'));
t(() => assert.strictEqual(NaN, NaN));
