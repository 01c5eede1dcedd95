// URLSearchParams: parsing, append/set/delete/sort, iteration order, encoding of spaces and symbols
const p = new URLSearchParams('?a=1&b=2&a=3&c=%20x+y&d');
console.log(p.get('a'), p.getAll('a'), p.get('c'), JSON.stringify(p.get('d')), p.get('none'), p.has('b'), p.size);
p.append('e', 'f g&h=i'); p.set('a', 'only'); p.delete('b'); p.sort();
console.log(p.toString(), [...p.keys()], [...p.entries()].length);
console.log(new URLSearchParams({ x: '1', y: ['a', 'b'] }).toString(), new URLSearchParams([['k', 'v'], ['k', 'w']]).toString());
console.log(new URLSearchParams('a=%zz&b=%41').get('a'), new URLSearchParams('a=%zz&b=%41').get('b'));
const u = new URL('http://h/?x=1'); u.searchParams.append('y', '2 3'); console.log(u.href, u.search);
p.forEach((v, k) => console.log('each', k, v));
try { new URLSearchParams([['only-one']]); } catch (e) { console.log(e.name, e.message); }
