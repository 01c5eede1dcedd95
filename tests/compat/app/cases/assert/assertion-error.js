// AssertionError constructor and properties
const assert = require('assert');
const e = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
console.log(e.name, e.code, e.actual, e.expected, e.operator, e.generatedMessage, e instanceof Error);
console.log(JSON.stringify(e.message));
const m = new assert.AssertionError({ message: 'custom' });
console.log(m.message, m.generatedMessage);
try { new assert.AssertionError(); } catch (x) { console.log(x.code, x.message); }
