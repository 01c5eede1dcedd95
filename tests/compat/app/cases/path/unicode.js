// paths with unicode and spaces keep their characters
const path = require('path');
console.log(path.join('/données', 'été 2024', '..', 'фото.jpg'), path.extname('文件.tar.GZ'), path.basename('/😀/x😀.txt', '.txt'));
