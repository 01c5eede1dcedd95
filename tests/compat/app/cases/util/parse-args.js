// util.parseArgs: options, short flags, positionals, strict errors with codes
const { parseArgs } = require('util');
const r = parseArgs({ args: ['-f', '--bar', 'b', 'pos', '--multi', '1', '--multi=2'], options: { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string' }, multi: { type: 'string', multiple: true } }, allowPositionals: true });
console.log(JSON.stringify(r.values), r.positionals);
try { parseArgs({ args: ['--nope'], options: {} }); } catch (e) { console.log(e.code, e.message); }
try { parseArgs({ args: ['x'], options: {} }); } catch (e) { console.log(e.code, e.message); }
try { parseArgs({ args: ['--s'], options: { s: { type: 'string' } } }); } catch (e) { console.log(e.code, e.message); }
const t = parseArgs({ args: ['-ab', '--', '--x'], options: { a: { type: 'boolean', short: 'a' }, b: { type: 'boolean', short: 'b' } }, allowPositionals: true, tokens: true });
console.log(JSON.stringify(t.tokens));
console.log(JSON.stringify(parseArgs({ args: [], options: { d: { type: 'string', default: 'dflt' } } }).values));
