// path.parse and path.format, including dotfiles and multiple extensions
const path = require('path');
for (const p of ['/home/user/dir/file.txt', 'file', '.bashrc', '/', 'a/b.tar.gz', '/x/.', 'dir/']) console.log(JSON.stringify(path.parse(p)));
console.log(path.format({ root: '/', dir: '/home', base: 'f.txt' }), path.format({ name: 'n', ext: 'e' }), path.format({ root: '/', name: 'x', ext: '.y' }));
