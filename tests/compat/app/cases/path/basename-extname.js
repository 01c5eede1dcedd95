// basename with suffixes, dirname of edge cases, extname of dotfiles
const path = require('path');
console.log(path.basename('/a/b.html', '.html'), path.basename('/a/b.html', 'html'), path.basename('/a/b/'), path.basename('b.html', 'b.html'), JSON.stringify(path.basename('')));
console.log(path.dirname('/a/b/'), path.dirname('a'), path.dirname('/'), path.dirname('//a'));
console.log(path.extname('index.'), JSON.stringify(path.extname('.index')), path.extname('.index.md'), path.extname('a.b/c'));
try { path.basename(null); } catch (e) { console.log(e.code, e.message); }
