// A small SVG generator for the benchmarks' charts: horizontal bar charts in groups, a linear scale
// from zero with round ticks, the value printed at each bar's end, an optional whisker (a p90 next
// to a median), and bars with no value shown as their note ("n/a (kvm_pvm)"). Standalone SVG 1.1
// with no scripts, fonts or external references, so GitHub renders it inline in a README.
//
// A typical use:
//   writeFileSync('boot.svg', barChart({ title: 'Boot to ready', subtitle: 'host...', unit: 'ms',
//     groups: [{ label: 'TCG', bars: [{ label: 'Linux', value: 5600, whisker: 6400, color: LINUX }] }] }));

export const COLORS = { linux: '#c05621', nephos: '#2b6cb0', grid: '#e2e8f0', text: '#1a202c', muted: '#718096' };

export interface Bar {
  label: string;
  /** Undefined: not measured; the note is shown instead. */
  value?: number;
  /** A second, larger value drawn as a line beyond the bar (p90 beside a median). */
  whisker?: number;
  /** Printed after the value (or instead of it when there is none). */
  note?: string;
  color: string;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
}

export interface BarChartSpec {
  title: string;
  subtitle?: string;
  unit: string;
  groups: BarGroup[];
  /** Digits after the point in value labels (default: 0 at or above 100, else 1 or 2). */
  digits?: number;
  width?: number;
}

/** Text for XML character data and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Ticks 0, step, 2*step ... covering max with 4-6 steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export function formatValue(v: number, digits?: number): string {
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

const ROW = 22;
const GROUP_GAP = 14;
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 760;
  const labelW = 190;
  const right = 190; // room for value labels and notes
  const plotX = labelW + 10;
  const plotW = width - plotX - right;
  const top = spec.subtitle ? 58 : 40;
  const values = spec.groups.flatMap((g) => g.bars.flatMap((b) => [b.value ?? 0, b.whisker ?? 0]));
  const ticks = niceTicks(Math.max(0, ...values));
  const max = ticks[ticks.length - 1];
  const x = (v: number) => plotX + (v / max) * plotW;
  const parts: string[] = [];
  let y = top + 18;
  for (const g of spec.groups) {
    parts.push(`<text x="8" y="${y}" ${FONT} font-size="13" font-weight="bold" fill="${COLORS.text}">${escapeXml(g.label)}</text>`);
    y += 8;
    for (const b of g.bars) {
      const mid = y + ROW / 2;
      parts.push(`<text x="${labelW}" y="${mid + 4}" ${FONT} font-size="12" text-anchor="end" fill="${COLORS.text}">${escapeXml(b.label)}</text>`);
      if (b.value === undefined) {
        parts.push(`<text x="${plotX + 4}" y="${mid + 4}" ${FONT} font-size="12" font-style="italic" fill="${COLORS.muted}">${escapeXml(b.note ?? 'not measured')}</text>`);
      } else {
        const w = Math.max(1, x(b.value) - plotX);
        parts.push(`<rect x="${plotX}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${b.color}"/>`);
        let end = x(b.value);
        if (b.whisker !== undefined && b.whisker > b.value) {
          const wx = x(b.whisker);
          parts.push(`<line x1="${end.toFixed(1)}" y1="${mid}" x2="${wx.toFixed(1)}" y2="${mid}" stroke="${COLORS.text}" stroke-width="1"/>`);
          parts.push(`<line x1="${wx.toFixed(1)}" y1="${mid - 5}" x2="${wx.toFixed(1)}" y2="${mid + 5}" stroke="${COLORS.text}" stroke-width="1"/>`);
          end = wx;
        }
        const label = `${formatValue(b.value, spec.digits)}${b.note ? ` ${b.note}` : ''}`;
        parts.push(`<text x="${(end + 5).toFixed(1)}" y="${mid + 4}" ${FONT} font-size="12" fill="${COLORS.text}">${escapeXml(label)}</text>`);
      }
      y += ROW;
    }
    y += GROUP_GAP;
  }
  const bottom = y;
  const grid = ticks.map((t) => {
    const tx = x(t).toFixed(1);
    return `<line x1="${tx}" y1="${top}" x2="${tx}" y2="${bottom - GROUP_GAP}" stroke="${COLORS.grid}" stroke-width="1"/>` +
      `<text x="${tx}" y="${bottom + 4}" ${FONT} font-size="11" text-anchor="middle" fill="${COLORS.muted}">${formatValue(t, t % 1 ? 1 : 0)}</text>`;
  });
  const height = bottom + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(spec.title)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="22" ${FONT} font-size="16" font-weight="bold" fill="${COLORS.text}">${escapeXml(spec.title)} (${escapeXml(spec.unit)})</text>`,
    ...(spec.subtitle ? [`<text x="8" y="42" ${FONT} font-size="11" fill="${COLORS.muted}">${escapeXml(spec.subtitle)}</text>`] : []),
    ...grid,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
