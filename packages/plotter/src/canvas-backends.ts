/**
 * The two ways a chart.js configuration becomes a PNG. `node-canvas`: chartjs-node-canvas on
 * `canvas` (Cairo, built at install time where its system libraries exist), the design's
 * choice. `napi-rs`: the same chart.js drawing on `@napi-rs/canvas` (Skia, a prebuilt binary
 * shipped in npm packages, no system libraries), used where `canvas` does not load. Both get
 * the bundled DejaVu Sans and the same chart.js defaults, so they draw the same picture up to
 * anti-aliasing.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { bundledFontDir, bundledFonts, FONT_FAMILY, FONT_FAMILY_NAME } from './bundled-fonts.js';

export type CanvasBackendName = 'node-canvas' | 'napi-rs';
export const CANVAS_BACKENDS: readonly CanvasBackendName[] = ['node-canvas', 'napi-rs'];

/** The slice of either canvas package used here, typed locally so neither is needed to compile. */
export interface BackendCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D;
}
export interface BackendImage {
  width: number;
  height: number;
}

export interface CanvasBackend {
  readonly name: CanvasBackendName;
  createCanvas(width: number, height: number): BackendCanvas;
  loadImage(png: Buffer): Promise<BackendImage>;
  toPng(canvas: BackendCanvas): Buffer;
  /** Draw one chart at `width` x `height` CSS pixels on white and return its PNG. */
  renderChartPng(config: ChartConfiguration, width: number, height: number): Promise<Buffer>;
}

/** Shared chart.js defaults, applied to whichever chart.js copy a backend uses. */
export function applyChartDefaults(chartJs: typeof Chart): void {
  chartJs.defaults.font.family = FONT_FAMILY;
  chartJs.defaults.font.size = 13;
  chartJs.defaults.color = '#222222';
}

// Module names in variables so TypeScript does not need the optional packages to compile.
const CANVAS_MODULE = 'canvas';
const CHARTJS_NODE_CANVAS_MODULE = 'chartjs-node-canvas';
const NAPI_CANVAS_MODULE = '@napi-rs/canvas';

async function importDefaultOrNamespace<T>(name: string): Promise<T> {
  const mod = (await import(name)) as { default?: T } & T;
  return (mod.default ?? mod) as T;
}

interface NodeCanvasModule {
  createCanvas(
    width: number,
    height: number,
  ): BackendCanvas & {
    toBuffer(mime: 'image/png'): Buffer;
  };
  loadImage(src: Buffer): Promise<BackendImage>;
  registerFont(path: string, options: { family: string; weight?: string }): void;
}
interface ChartJsNodeCanvasModule {
  ChartJSNodeCanvas: new (options: {
    width: number;
    height: number;
    backgroundColour?: string;
    chartCallback?: (chartJs: typeof Chart) => void;
  }) => { renderToBuffer(config: ChartConfiguration, mime?: 'image/png'): Promise<Buffer> };
}

export async function loadNodeCanvasBackend(): Promise<CanvasBackend> {
  const canvas = await importDefaultOrNamespace<NodeCanvasModule>(CANVAS_MODULE);
  const { ChartJSNodeCanvas } = await importDefaultOrNamespace<ChartJsNodeCanvasModule>(
    CHARTJS_NODE_CANVAS_MODULE,
  );
  // Fonts must be registered before the first canvas exists; Pango's registry is global, so
  // chartjs-node-canvas's own copy of the module sees them too.
  for (const font of bundledFonts()) {
    canvas.registerFont(font.path, { family: FONT_FAMILY_NAME, weight: font.weight });
  }
  // Each ChartJSNodeCanvas loads its own copy of chart.js, which is slow: keep one per size.
  const services = new Map<string, InstanceType<ChartJsNodeCanvasModule['ChartJSNodeCanvas']>>();
  return {
    name: 'node-canvas',
    createCanvas: (w, h) => canvas.createCanvas(w, h),
    loadImage: (png) => canvas.loadImage(png),
    toPng: (c) => (c as ReturnType<NodeCanvasModule['createCanvas']>).toBuffer('image/png'),
    renderChartPng(config, width, height) {
      const key = `${width}x${height}`;
      let service = services.get(key);
      if (!service) {
        service = new ChartJSNodeCanvas({
          width,
          height,
          backgroundColour: 'white',
          chartCallback: applyChartDefaults,
        });
        services.set(key, service);
      }
      return service.renderToBuffer(config, 'image/png');
    },
  };
}

interface NapiCanvas extends BackendCanvas {
  encodeSync(format: 'png'): Buffer;
}
interface NapiCanvasModule {
  createCanvas(width: number, height: number): NapiCanvas;
  loadImage(src: Buffer): Promise<BackendImage>;
  GlobalFonts: { loadFontsFromDir(dir: string): number };
}

/** Paints the canvas white under everything, as chartjs-node-canvas's background option does. */
function whiteBackground(width: number, height: number): Plugin {
  return {
    id: 'autosloWhiteBackground',
    beforeDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = 'white';
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

export async function loadNapiBackend(): Promise<CanvasBackend> {
  const napi = await importDefaultOrNamespace<NapiCanvasModule>(NAPI_CANVAS_MODULE);
  // Loaded as a directory, under the files' own family name and styles: registering the
  // files one by one (with or without an alias) makes the last one win for every weight in
  // @napi-rs/canvas 1.2, drawing all text bold.
  if (napi.GlobalFonts.loadFontsFromDir(bundledFontDir()) === 0) {
    throw new Error(`@napi-rs/canvas could not load the bundled fonts in ${bundledFontDir()}`);
  }
  const { Chart: ChartJs, registerables } = await import('chart.js');
  ChartJs.register(...registerables);
  applyChartDefaults(ChartJs);
  return {
    name: 'napi-rs',
    createCanvas: (w, h) => napi.createCanvas(w, h),
    loadImage: (png) => napi.loadImage(png),
    toPng: (c) => (c as NapiCanvas).encodeSync('png'),
    async renderChartPng(config, width, height) {
      const canvas = napi.createCanvas(width, height);
      const full: ChartConfiguration = {
        ...config,
        options: { ...config.options, responsive: false, animation: false },
        plugins: [...(config.plugins ?? []), whiteBackground(width, height)],
      };
      const chart = new ChartJs(canvas.getContext('2d'), full);
      try {
        return canvas.encodeSync('png');
      } finally {
        chart.destroy();
      }
    },
  };
}
