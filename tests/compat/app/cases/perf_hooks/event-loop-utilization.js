// eventLoopUtilization shape and monitorEventLoopDelay object
const { performance, monitorEventLoopDelay } = require('perf_hooks');
const elu = performance.eventLoopUtilization();
console.log(Object.keys(elu).sort().join(','), elu.utilization >= 0 && elu.utilization <= 1);
const d = monitorEventLoopDelay({ resolution: 10 });
console.log(typeof d.enable, typeof d.disable, typeof d.percentile);
d.enable(); d.disable();
