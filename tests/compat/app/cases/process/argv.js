// argv[1] is the script path; argv has no extra arguments here
const path = require('path');
console.log(process.argv.length, path.basename(process.argv[1]), path.isAbsolute(process.argv[1]));
