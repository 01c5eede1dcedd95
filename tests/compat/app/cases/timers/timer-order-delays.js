// timers fire in delay order, equal delays in insertion order; 0 and 1 ms are the same
const out = [];
setTimeout(() => out.push('30'), 30);
setTimeout(() => out.push('10a'), 10);
setTimeout(() => out.push('0'), 0);
setTimeout(() => out.push('1'), 1);
setTimeout(() => out.push('10b'), 10);
setTimeout(() => out.push('neg'), -5);
setTimeout(() => out.push('nan'), NaN);
setTimeout(() => console.log(out.join(' ')), 50);
