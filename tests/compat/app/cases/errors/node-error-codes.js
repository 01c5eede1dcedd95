// Node's internal errors: names include the code in brackets in stack, code property, instanceof
const assert = require('assert');
const errs = [];
try { Buffer.alloc(-5); } catch (e) { errs.push(e); }
try { require('fs').readFileSync(123.4); } catch (e) { errs.push(e); }
try { new URL('x'); } catch (e) { errs.push(e); }
for (const e of errs) console.log(e.name, e.code, e.constructor.name, e instanceof Error, e.stack.split('\n')[0], String(e), Object.keys(e));
