// assert(), assert.ok, assert.fail and ifError messages
// @differs: a falsy assert(value) without a message: Node reads the call's source text back from the file ("The expression evaluated to a falsy value: assert(0)"); Nephos says "0 == true"
const assert = require('assert');
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.code, JSON.stringify(e.message), e.generatedMessage); } };
t(() => assert(0));
t(() => assert.ok(false, 'nope'));
t(() => assert.ok(''));
t(() => assert.fail());
t(() => assert.fail('boom'));
t(() => assert.ifError(null));
t(() => assert.ifError(new Error('inner')));
t(() => assert.ifError('str'));
t(() => assert(true));
t(() => assert.ok());
t(() => assert.fail(new TypeError('own error')));
