// fs.promises errors carry the same codes as the sync API; rejections are Error instances with stack
const fsp = require('fs/promises');
const { p, err, cleanup } = require('../_lib/tmp');
(async () => {
  const t = async (f) => { try { await f(); console.log('ok'); } catch (e) { console.log(err(e), e instanceof Error); } };
  await t(() => fsp.readdir(p('none')));
  await t(() => fsp.rmdir(p('none')));
  await t(() => fsp.unlink(p('none')));
  await t(() => fsp.writeFile(p('none', 'x'), 'y'));
  await t(() => fsp.mkdir(p('')));
  await t(() => fsp.stat(p('none')));
  await t(() => fsp.rename(p('none'), p('b')));
  await t(() => fsp.copyFile(p('none'), p('b')));
  cleanup();
})();
