// fs.promises: writeFile, readFile, mkdir recursive, readdir withFileTypes, rm, errors reject
const fsp = require('fs/promises');
const { p, err, cleanup } = require('../_lib/tmp');
(async () => {
  console.log(require('fs').promises === fsp);
  console.log(await fsp.mkdir(p('x', 'y', 'z'), { recursive: true }) !== undefined);
  await fsp.writeFile(p('x', 'y', 'file.txt'), 'promised');
  console.log(await fsp.readFile(p('x', 'y', 'file.txt'), 'utf8'));
  const entries = await fsp.readdir(p('x', 'y'), { withFileTypes: true });
  console.log(entries.map((d) => [d.name, d.isDirectory(), d.isFile()]).sort());
  try { await fsp.readFile(p('none')); } catch (e) { console.log(err(e)); }
  await fsp.rm(p('x'), { recursive: true });
  try { await fsp.access(p('x')); } catch (e) { console.log(err(e)); }
  cleanup();
})();
