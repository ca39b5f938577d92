/**
 * Rendering through chart.js on node-canvas. Both native pieces (`canvas`, and
 * `chartjs-node-canvas` which needs it) are optional dependencies, loaded on first use: where
 * they are missing or fail to load, CSV and LaTeX output still work and rendering fails with a
 * `RendererUnavailableError` that says what to install.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';

/** Device pixels per CSS pixel: every figure is drawn at twice its nominal size. */
export const PIXEL_RATIO = 2;
export const FONT_FAMILY = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export const INSTALL_HINT =
  'Rendering PNGs needs the optional `canvas` package, which builds against Cairo. Install the ' +
  'system libraries (Debian/Ubuntu: `apt-get install build-essential libcairo2-dev ' +
  'libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev pkg-config`), then run ' +
  '`pnpm install` (or `pnpm rebuild canvas`). CSV and LaTeX outputs do not need it.';

export class RendererUnavailableError extends Error {
  override readonly name = 'RendererUnavailableError';
  readonly code = 'RENDERER_UNAVAILABLE';
  constructor(override readonly cause: unknown) {
    super(`cannot load the PNG renderer (${String(cause)}). ${INSTALL_HINT}`);
  }
}

/** The slice of node-canvas used here, typed locally so the package typechecks without it. */
interface NodeCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D;
  toBuffer(mime: 'image/png'): Buffer;
}
interface NodeImage {
  width: number;
  height: number;
}
interface CanvasModule {
  createCanvas(width: number, height: number): NodeCanvas;
  loadImage(src: Buffer): Promise<NodeImage>;
}
interface ChartJsNodeCanvasInstance {
  renderToBuffer(config: ChartConfiguration, mime?: 'image/png'): Promise<Buffer>;
}
interface ChartJsNodeCanvasModule {
  ChartJSNodeCanvas: new (options: {
    width: number;
    height: number;
    backgroundColour?: string;
    chartCallback?: (chartJs: typeof Chart) => void;
  }) => ChartJsNodeCanvasInstance;
}

/** Where the plot area ended up and each scale's final range, in CSS pixels. */
export interface ChartGeometry {
  readonly chartArea: { left: number; top: number; right: number; bottom: number };
  readonly scales: Readonly<
    Record<
      string,
      {
        min: number;
        max: number;
        type: string;
        left: number;
        right: number;
        top: number;
        bottom: number;
      }
    >
  >;
}

export interface RenderedImage {
  readonly png: Buffer;
  /** Size in device pixels (PIXEL_RATIO times the nominal size). */
  readonly width: number;
  readonly height: number;
}

export interface RenderedChart extends RenderedImage {
  readonly geometry: ChartGeometry;
}

/** A grid of images on one canvas, with each cell's top-left corner in device pixels. */
export interface ComposedImage extends RenderedImage {
  readonly offsets: readonly (readonly { x: number; y: number }[])[];
}

/** A decoded PNG whose pixels can be read back (tests check markers this way). */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** RGBA at a device-pixel position. */
  pixel(x: number, y: number): [number, number, number, number];
}

export interface Renderer {
  /** Draw one chart of the given nominal (CSS pixel) size on a white background. */
  renderChart(config: ChartConfiguration, width: number, height: number): Promise<RenderedChart>;
  /** Place images on one canvas, in a grid of rows (null cells stay blank). */
  composeGrid(
    cells: readonly (readonly (RenderedImage | null)[])[],
    options?: { footer?: RenderedImage | null },
  ): Promise<ComposedImage>;
  /** A bare canvas to draw on in device pixels, returned as a PNG image. */
  drawImage(
    width: number,
    height: number,
    draw: (ctx: CanvasRenderingContext2D) => void,
  ): RenderedImage;
  decode(png: Buffer): Promise<DecodedImage>;
}

let cached: Promise<Renderer> | undefined;

/**
 * The renderer, loaded once. `AUTOSLO_NO_CANVAS=1` makes it unavailable on purpose.
 * @throws RendererUnavailableError when `canvas` or `chartjs-node-canvas` cannot be loaded.
 */
export function loadRenderer(): Promise<Renderer> {
  // Lets CI and tests take the no-canvas path on a machine where canvas works.
  if (process.env.AUTOSLO_NO_CANVAS === '1') {
    return Promise.reject(new RendererUnavailableError('AUTOSLO_NO_CANVAS=1 is set'));
  }
  cached ??= createRenderer().catch((error: unknown) => {
    cached = undefined;
    throw error instanceof RendererUnavailableError ? error : new RendererUnavailableError(error);
  });
  return cached;
}

/** Whether PNGs can be rendered here, and why not. */
export async function rendererStatus(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await loadRenderer();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

// Module names in variables so TypeScript does not need the optional packages to compile.
const CANVAS_MODULE = 'canvas';
const CHARTJS_NODE_CANVAS_MODULE = 'chartjs-node-canvas';

async function importDefaultOrNamespace<T>(name: string): Promise<T> {
  const mod = (await import(name)) as { default?: T } & T;
  return (mod.default ?? mod) as T;
}

async function createRenderer(): Promise<Renderer> {
  const canvas = await importDefaultOrNamespace<CanvasModule>(CANVAS_MODULE);
  const { ChartJSNodeCanvas } = await importDefaultOrNamespace<ChartJsNodeCanvasModule>(
    CHARTJS_NODE_CANVAS_MODULE,
  );

  // Each ChartJSNodeCanvas loads its own copy of chart.js, which is slow: keep one per size.
  const services = new Map<string, ChartJsNodeCanvasInstance>();
  const serviceFor = (width: number, height: number): ChartJsNodeCanvasInstance => {
    const key = `${width}x${height}`;
    let service = services.get(key);
    if (!service) {
      service = new ChartJSNodeCanvas({
        width,
        height,
        backgroundColour: 'white',
        chartCallback: (chartJs) => {
          chartJs.defaults.font.family = FONT_FAMILY;
          chartJs.defaults.font.size = 13;
          chartJs.defaults.color = '#222222';
        },
      });
      services.set(key, service);
    }
    return service;
  };

  const renderChart = async (
    config: ChartConfiguration,
    width: number,
    height: number,
  ): Promise<RenderedChart> => {
    let geometry: ChartGeometry | undefined;
    const capture: Plugin = {
      id: 'autosloCaptureGeometry',
      afterRender(chart) {
        const scales: Record<string, ChartGeometry['scales'][string]> = {};
        for (const [id, s] of Object.entries(chart.scales)) {
          scales[id] = {
            min: s.min,
            max: s.max,
            type: s.type,
            left: s.left,
            right: s.right,
            top: s.top,
            bottom: s.bottom,
          };
        }
        const { left, top, right, bottom } = chart.chartArea;
        geometry = { chartArea: { left, top, right, bottom }, scales };
      },
    };
    const service = serviceFor(width, height);
    const full: ChartConfiguration = {
      ...config,
      options: { ...config.options, devicePixelRatio: PIXEL_RATIO },
      plugins: [...(config.plugins ?? []), capture],
    };
    const png = await service.renderToBuffer(full, 'image/png');
    if (!geometry) throw new Error('chart.js did not render');
    return { png, width: width * PIXEL_RATIO, height: height * PIXEL_RATIO, geometry };
  };

  const drawImage: Renderer['drawImage'] = (width, height, draw) => {
    const c = canvas.createCanvas(width, height);
    const ctx = c.getContext('2d');
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, width, height);
    draw(ctx);
    return { png: c.toBuffer('image/png'), width, height };
  };

  const composeGrid: Renderer['composeGrid'] = async (cells, options = {}) => {
    const rows = cells.length;
    const cols = Math.max(1, ...cells.map((r) => r.length));
    const cellW = Math.max(1, ...cells.flat().map((c) => c?.width ?? 0));
    const cellH = Math.max(1, ...cells.flat().map((c) => c?.height ?? 0));
    const footer = options.footer ?? null;
    const width = Math.max(cols * cellW, footer?.width ?? 0);
    const height = rows * cellH + (footer?.height ?? 0);
    const images = await Promise.all(
      cells.map((r) => Promise.all(r.map((c) => (c ? canvas.loadImage(c.png) : null)))),
    );
    const footerImage = footer ? await canvas.loadImage(footer.png) : null;
    const offsets = cells.map((r, ri) => r.map((_, ci) => ({ x: ci * cellW, y: ri * cellH })));
    const image = drawImage(width, height, (ctx) => {
      images.forEach((r, ri) => {
        r.forEach((img, ci) => {
          if (img) ctx.drawImage(img as unknown as CanvasImageSource, ci * cellW, ri * cellH);
        });
      });
      if (footerImage && footer) {
        const x = Math.round((width - footer.width) / 2);
        ctx.drawImage(footerImage as unknown as CanvasImageSource, x, rows * cellH);
      }
    });
    return { ...image, offsets };
  };

  const decode: Renderer['decode'] = async (png) => {
    const img = await canvas.loadImage(png);
    const c = canvas.createCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img as unknown as CanvasImageSource, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    return {
      width: img.width,
      height: img.height,
      pixel(x, y) {
        const i = (Math.round(y) * img.width + Math.round(x)) * 4;
        return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
      },
    };
  };

  return { renderChart, composeGrid, drawImage, decode };
}
