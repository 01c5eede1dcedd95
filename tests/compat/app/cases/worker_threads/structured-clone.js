// structuredClone deep-copies maps, dates, typed arrays and cycles; functions are not cloneable
const o = { d: new Date(0), m: new Map([[1, { x: 1 }]]), u: new Uint8Array([1, 2]), s: new Set(['a']) };
o.self = o;
const c = structuredClone(o);
console.log(c !== o, c.self === c, c.d.getTime(), c.m.get(1).x, c.u[1], c.s.has('a'), c.m !== o.m);
try { structuredClone(() => {}); } catch (e) { console.log(e.name, e.message); }
try { structuredClone({ f: Symbol('s') }); } catch (e) { console.log(e.name); }
