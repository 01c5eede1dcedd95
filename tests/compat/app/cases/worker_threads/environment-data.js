// setEnvironmentData / getEnvironmentData in the main thread; SHARE_ENV symbol
const wt = require('worker_threads');
wt.setEnvironmentData('k', { v: 1 });
console.log(JSON.stringify(wt.getEnvironmentData('k')), wt.getEnvironmentData('missing'), typeof wt.SHARE_ENV);
wt.setEnvironmentData('k', undefined);
console.log(wt.getEnvironmentData('k'));
