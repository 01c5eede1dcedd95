// createHook validates callbacks and enable/disable return the hook
const ah = require('async_hooks');
const hook = ah.createHook({ init() {} });
console.log(hook.enable() === hook, hook.disable() === hook);
try { ah.createHook({ init: 5 }); } catch (e) { console.log(e.code, e.message); }
console.log(typeof ah.executionAsyncResource(), typeof ah.triggerAsyncId(), Object.keys(ah).sort().join(','));
