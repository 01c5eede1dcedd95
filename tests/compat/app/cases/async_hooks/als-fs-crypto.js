// stores survive fs and crypto callbacks and fs.promises (completion order is the thread pool's: sorted)
const { AsyncLocalStorage } = require('async_hooks');
const fs = require('fs');
const crypto = require('crypto');
const als = new AsyncLocalStorage();
const seen = [];
const done = (what) => { seen.push(`${what} ${als.getStore()}`); if (seen.length === 3) console.log(seen.sort().join('\n')); };
als.run('fs-cb', () => fs.stat(__filename, () => done('fs callback')));
als.run('crypto-cb', () => crypto.randomBytes(4, () => done('crypto callback')));
als.run('fs-promise', async () => { await fs.promises.readFile(__filename); done('fs promise'); });
