// opendirSync/Dir iteration and fs.promises.opendir async iteration, closing twice
const fs = require('fs');
const { p, cleanup } = require('../_lib/tmp');
for (const n of ['x', 'y', 'z']) fs.writeFileSync(p(n), n);
const d = fs.opendirSync(p(''));
const names = [];
let e;
while ((e = d.readSync()) !== null) names.push(e.name);
d.closeSync();
console.log(names.sort());
try { d.closeSync(); } catch (x) { console.log(x.code, x.message); }
(async () => {
  const got = [];
  for await (const ent of await fs.promises.opendir(p(''))) got.push(ent.name + (ent.isFile() ? ':f' : ''));
  console.log(got.sort());
  cleanup();
})();
