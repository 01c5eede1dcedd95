// stream errors: reading a missing file emits 'error' then 'close'; write stream to a bad directory
const fs = require('fs');
const { p, err, cleanup } = require('../_lib/tmp');
const rs = fs.createReadStream(p('missing'));
rs.on('error', (e) => console.log('read error', err(e)));
rs.on('close', () => {
  console.log('read close');
  const ws = fs.createWriteStream(p('no', 'such', 'dir.txt'));
  ws.on('error', (e) => console.log('write error', err(e)));
  ws.on('close', () => { console.log('write close'); cleanup(); });
  ws.write('x');
});
