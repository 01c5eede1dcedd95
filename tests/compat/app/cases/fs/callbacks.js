// callback API: writeFile, readFile, stat, readdir, unlink, error-first callbacks in order
const fs = require('fs');
const { p, err, cleanup } = require('../_lib/tmp');
fs.writeFile(p('c.txt'), 'callback data', (e) => {
  console.log('written', e);
  fs.readFile(p('c.txt'), 'utf8', (e2, data) => {
    console.log('read', e2, data);
    fs.stat(p('c.txt'), (e3, st) => {
      console.log('stat', e3, st.size);
      fs.readdir(p(''), (e4, names) => {
        console.log('readdir', e4, names);
        fs.unlink(p('c.txt'), (e5) => {
          console.log('unlink', e5);
          fs.readFile(p('c.txt'), (e6) => { console.log(err(e6)); cleanup(); });
        });
      });
    });
  });
});
console.log('sync end');
