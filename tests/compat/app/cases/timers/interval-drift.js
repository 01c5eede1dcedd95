// setInterval keeps firing until cleared; a throwing-free long callback does not skip runs
let count = 0;
const start = Date.now();
const iv = setInterval(() => {
  count++;
  const t = Date.now();
  while (Date.now() - t < 3) {}
  if (count === 5) { clearInterval(iv); console.log('count', count, Date.now() - start >= 20); }
}, 4);
