// unhandledRejection handler receives reason and promise; rejectionHandled when handled late
process.on('unhandledRejection', (reason, p) => {
  console.log('unhandled', reason.message, p instanceof Promise);
  setTimeout(() => p.catch(() => console.log('late catch')), 1);
});
process.on('rejectionHandled', (p) => console.log('rejectionHandled', p instanceof Promise));
Promise.reject(new Error('nobody'));
Promise.reject(new Error('handled in time')).catch(() => console.log('caught in time'));
