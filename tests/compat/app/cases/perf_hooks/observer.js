// PerformanceObserver receives mark and measure entries asynchronously; supportedEntryTypes
const { performance, PerformanceObserver } = require('perf_hooks');
const obs = new PerformanceObserver((list, observer) => {
  console.log('observed', list.getEntries().map((e) => `${e.entryType}:${e.name}`).join(','));
  observer.disconnect();
});
obs.observe({ entryTypes: ['mark', 'measure'] });
performance.mark('m1');
performance.measure('me1');
console.log('sync after mark', PerformanceObserver.supportedEntryTypes.includes('mark'));
