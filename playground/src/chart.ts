// A small canvas line chart that grows as samples arrive: linear axes with rounded ticks, one
// line per series, optional dashed asymptotes (the steady values), redrawn at most once per frame.

/** One line of a chart. */
export interface SeriesSpec {
  readonly name: string;
  readonly color: string;
}

/** Axis titles of a chart. */
export interface ChartLabels {
  readonly x: string;
  readonly y: string;
}

const MARGIN = { left: 74, right: 16, top: 12, bottom: 46 } as const;
/** Roughly this many ticks per axis. */
const TICK_TARGET = 6;
const FONT = "12px system-ui, sans-serif";

/**
 * Tick values covering [lo, hi]: multiples of 1, 2 or 5 times a power of ten, about `target` of
 * them (the usual "nice numbers" rule of plotting programs).
 */
export function niceTicks(lo: number, hi: number, target = TICK_TARGET): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) ticks.push(k * step);
  return ticks;
}

/** A tick label: short, without binary noise (0.30000000000000004 prints as 0.3). */
export function tickLabel(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(6))) : v.toExponential(1);
}

/** A live line chart on a canvas. */
export class LiveChart {
  private t: number[] = [];
  private ys: number[][] = [];
  private asymptotes: (number | null)[] = [];
  private frame = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private series: readonly SeriesSpec[],
    private readonly labels: ChartLabels,
  ) {
    this.reset(series);
  }

  /** Forget the data and start over with these series. */
  reset(series: readonly SeriesSpec[]): void {
    this.series = series;
    this.t = [];
    this.ys = series.map(() => []);
    this.asymptotes = series.map(() => null);
    this.requestDraw();
  }

  /** Append one point per series at time t. */
  append(t: number, values: readonly number[]): void {
    this.t.push(t);
    for (let k = 0; k < this.ys.length; k++) this.ys[k].push(values[k]);
    this.requestDraw();
  }

  /** Dashed horizontal lines at these values (null: none), one per series. */
  setAsymptotes(values: readonly (number | null)[]): void {
    this.asymptotes = this.series.map((_, k) => values[k] ?? null);
    this.requestDraw();
  }

  private requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext("2d")!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = FONT;
    const plot = {
      x: MARGIN.left,
      y: MARGIN.top,
      w: width - MARGIN.left - MARGIN.right,
      h: height - MARGIN.top - MARGIN.bottom,
    };
    const tMax = this.t.length > 0 ? this.t[this.t.length - 1] : 1;
    const [yLo, yHi] = this.yRange();
    const xTicks = niceTicks(0, tMax);
    const yTicks = niceTicks(yLo, yHi);
    const px = (t: number) => plot.x + (tMax > 0 ? (t / tMax) * plot.w : 0);
    const py = (y: number) => plot.y + plot.h - ((y - yLo) / (yHi - yLo)) * plot.h;

    // Grid, ticks and their labels.
    ctx.strokeStyle = "#e3e6ea";
    ctx.fillStyle = "#444";
    ctx.lineWidth = 1;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const v of xTicks) {
      const x = Math.round(px(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, plot.y);
      ctx.lineTo(x, plot.y + plot.h);
      ctx.stroke();
      ctx.fillText(tickLabel(v), x, plot.y + plot.h + 5);
    }
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const v of yTicks) {
      const y = Math.round(py(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(plot.x, y);
      ctx.lineTo(plot.x + plot.w, y);
      ctx.stroke();
      ctx.fillText(tickLabel(v), plot.x - 6, y);
    }
    ctx.strokeStyle = "#888";
    ctx.strokeRect(plot.x + 0.5, plot.y + 0.5, plot.w, plot.h);

    // Axis titles.
    ctx.fillStyle = "#222";
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(this.labels.x, plot.x + plot.w / 2, height - 4);
    ctx.save();
    ctx.translate(14, plot.y + plot.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = "middle";
    ctx.fillText(this.labels.y, 0, 0);
    ctx.restore();

    // Asymptotes, then the lines (clipped to the plot area).
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.25;
    this.series.forEach((s, k) => {
      const a = this.asymptotes[k];
      if (a === null) return;
      ctx.strokeStyle = s.color;
      ctx.beginPath();
      ctx.moveTo(plot.x, py(a));
      ctx.lineTo(plot.x + plot.w, py(a));
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.lineWidth = 2;
    this.series.forEach((s, k) => {
      ctx.strokeStyle = s.color;
      this.traceLine(ctx, this.ys[k], px, py);
    });
    ctx.restore();
  }

  /**
   * Draw one series. With more points than pixels, each pixel column is drawn through its first,
   * lowest, highest and last point, so that the envelope of fast oscillations survives.
   */
  private traceLine(
    ctx: CanvasRenderingContext2D,
    y: readonly number[],
    px: (t: number) => number,
    py: (v: number) => number,
  ): void {
    ctx.beginPath();
    let column = Number.NaN;
    let lo = 0;
    let hi = 0;
    let last = 0;
    const flushColumn = () => {
      if (Number.isNaN(column)) return;
      ctx.lineTo(column, py(lo));
      ctx.lineTo(column, py(hi));
      ctx.lineTo(column, py(last));
    };
    for (let i = 0; i < this.t.length; i++) {
      const x = Math.round(px(this.t[i]));
      const v = y[i];
      if (x !== column) {
        flushColumn();
        if (i === 0) ctx.moveTo(x, py(v));
        else ctx.lineTo(x, py(v));
        column = x;
        lo = v;
        hi = v;
      }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      last = v;
    }
    flushColumn();
    ctx.stroke();
  }

  /** The y range of the data and asymptotes, padded by 5 %. */
  private yRange(): [number, number] {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const ys of this.ys) {
      for (const v of ys) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    for (const a of this.asymptotes) {
      if (a === null) continue;
      lo = Math.min(lo, a);
      hi = Math.max(hi, a);
    }
    if (!Number.isFinite(lo)) return [0, 1];
    const span = hi - lo || Math.abs(hi) || 1;
    return [lo - 0.05 * span, hi + 0.05 * span];
  }
}
