// argument validation in os functions
const os = require('os');
try { os.setPriority('x'); } catch (e) { console.log(e.code, e.message); }
try { os.getPriority('x'); } catch (e) { console.log(e.code, e.message); }
try { os.userInfo('x'); } catch (e) { console.log(e.code, e.message); }
