// reading files next to the script through __dirname (the app's own files in the image)
const fs = require('fs');
const path = require('path');
const self = fs.readFileSync(__filename, 'utf8');
console.log(self.split('\n')[0]);
console.log(fs.readdirSync(path.join(__dirname, '..')).filter((n) => !n.startsWith('_')).sort().slice(0, 3));
console.log(path.basename(__dirname), path.basename(__filename), fs.statSync(__dirname).isDirectory());
console.log(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).name);
