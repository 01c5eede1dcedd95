// inside an I/O callback, setImmediate always runs before setTimeout 0, and ticks before both
const fs = require('fs');
fs.stat(__filename, () => {
  setTimeout(() => {
    console.log('timeout');
    fs.readFile(__filename, () => {
      setTimeout(() => console.log('timeout 2'), 0);
      setImmediate(() => console.log('immediate 2'));
      process.nextTick(() => console.log('tick in io'));
    });
  }, 0);
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('tick'));
});
