// The box-drawing table of console.table, as Node 20's lib/internal/cli_table.js: columns as wide
// as their widest cell (by terminal width, getStringWidth), cells left-aligned.

const chars = {
  middleMiddle: '─', rowMiddle: '┼', topRight: '┐', topLeft: '┌', leftMiddle: '├', topMiddle: '┬',
  bottomRight: '┘', bottomLeft: '└', bottomMiddle: '┴', rightMiddle: '┤', left: '│ ', right: ' │', middle: ' │ ',
};

function renderRow(row: string[], widths: number[], width: (s: string) => number): string {
  let out = chars.left;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    out += `${cell}${' '.repeat(widths[i] - width(cell))}`;
    if (i !== row.length - 1) out += chars.middle;
  }
  return out + chars.right;
}

export function renderTable(head: string[], columns: string[][], width: (s: string) => number): string {
  const rows: string[][] = [];
  const widths = head.map((h) => width(h));
  const longest = columns.reduce((n, a) => Math.max(n, a.length), 0);
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longest; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '';
      widths[i] = Math.max(widths[i] || 0, width(value));
    }
  }
  const divider = widths.map((w) => chars.middleMiddle.repeat(w + 2));
  let result = `${chars.topLeft}${divider.join(chars.topMiddle)}${chars.topRight}\n${renderRow(head, widths, width)}\n` +
    `${chars.leftMiddle}${divider.join(chars.rowMiddle)}${chars.rightMiddle}\n`;
  for (const row of rows) result += `${renderRow(row, widths, width)}\n`;
  return result + `${chars.bottomLeft}${divider.join(chars.bottomMiddle)}${chars.bottomRight}`;
}
