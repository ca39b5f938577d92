/**
 * Rendering chart.js figures to PNG on one of two canvas backends (`canvas-backends.ts`):
 * node-canvas where `canvas` loads, otherwise `@napi-rs/canvas`. Where neither loads, CSV and
 * LaTeX output still work and rendering fails with a `RendererUnavailableError` that says
 * what to install.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import {
  CANVAS_BACKENDS,
  type CanvasBackend,
  type CanvasBackendName,
  loadNapiBackend,
  loadNodeCanvasBackend,
} from './canvas-backends.js';

export { FONT_FAMILY } from './bundled-fonts.js';
export type { CanvasBackendName } from './canvas-backends.js';

/** Device pixels per CSS pixel: every figure is drawn at twice its nominal size. */
export const PIXEL_RATIO = 2;

export const INSTALL_HINT =
  'Rendering PNGs needs `@napi-rs/canvas` (a prebuilt binary for your platform, installed by ' +
  '`pnpm install`; reinstall with `pnpm install --force` if its platform package is missing) or ' +
  'the optional `canvas` package, which builds against Cairo (Debian/Ubuntu: `apt-get install ' +
  'build-essential libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev ' +
  'libpixman-1-dev pkg-config`, then `pnpm rebuild canvas`). CSV and LaTeX outputs need neither.';

export class RendererUnavailableError extends Error {
  override readonly name = 'RendererUnavailableError';
  readonly code = 'RENDERER_UNAVAILABLE';
  constructor(override readonly cause: unknown) {
    super(`cannot load the PNG renderer (${String(cause)}). ${INSTALL_HINT}`);
  }
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
  /** Every pixel's RGBA, row by row. */
  readonly rgba: Uint8ClampedArray;
  /** RGBA at a device-pixel position. */
  pixel(x: number, y: number): [number, number, number, number];
}

export interface Renderer {
  /** Which canvas package draws. */
  readonly backend: CanvasBackendName;
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

const cached = new Map<string, Promise<Renderer>>();

/** Environment switch choosing the backend: `node-canvas`, `napi-rs`, or unset for the first that loads. */
export const BACKEND_ENV = 'AUTOSLO_CANVAS_BACKEND';

function requestedBackends(backend: CanvasBackendName | undefined): readonly CanvasBackendName[] {
  if (backend) return [backend];
  const env = process.env[BACKEND_ENV];
  if (env === undefined || env === '') return CANVAS_BACKENDS;
  const named = CANVAS_BACKENDS.find((b) => b === env);
  if (!named) {
    throw new RendererUnavailableError(
      `${BACKEND_ENV}=${env} names no backend (use ${CANVAS_BACKENDS.join(' or ')})`,
    );
  }
  return [named];
}

/**
 * The renderer, loaded once per backend. Without an argument: `AUTOSLO_CANVAS_BACKEND` when
 * set, else node-canvas, else `@napi-rs/canvas`. `AUTOSLO_NO_CANVAS=1` makes every backend
 * unavailable on purpose.
 * @throws RendererUnavailableError when no requested backend can be loaded.
 */
export function loadRenderer(backend?: CanvasBackendName): Promise<Renderer> {
  // Lets CI and tests take the no-canvas path on a machine where a canvas works.
  if (process.env.AUTOSLO_NO_CANVAS === '1') {
    return Promise.reject(new RendererUnavailableError('AUTOSLO_NO_CANVAS=1 is set'));
  }
  let names: readonly CanvasBackendName[];
  try {
    names = requestedBackends(backend);
  } catch (error) {
    return Promise.reject(error);
  }
  const key = names.join('+');
  let renderer = cached.get(key);
  if (!renderer) {
    renderer = firstLoadable(names).catch((error: unknown) => {
      cached.delete(key);
      throw error instanceof RendererUnavailableError ? error : new RendererUnavailableError(error);
    });
    cached.set(key, renderer);
  }
  return renderer;
}

async function firstLoadable(names: readonly CanvasBackendName[]): Promise<Renderer> {
  const failures: string[] = [];
  for (const name of names) {
    try {
      const backend = await (name === 'node-canvas' ? loadNodeCanvasBackend() : loadNapiBackend());
      return createRenderer(backend);
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new RendererUnavailableError(failures.join('; '));
}

/** Whether PNGs can be rendered here (and by which backend), and why not. */
export async function rendererStatus(
  backend?: CanvasBackendName,
): Promise<{ ok: true; backend: CanvasBackendName } | { ok: false; reason: string }> {
  try {
    return { ok: true, backend: (await loadRenderer(backend)).backend };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function createRenderer(canvas: CanvasBackend): Renderer {
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
    const full: ChartConfiguration = {
      ...config,
      options: { ...config.options, devicePixelRatio: PIXEL_RATIO },
      plugins: [...(config.plugins ?? []), capture],
    };
    const png = await canvas.renderChartPng(full, width, height);
    if (!geometry) throw new Error('chart.js did not render');
    return { png, width: width * PIXEL_RATIO, height: height * PIXEL_RATIO, geometry };
  };

  const drawImage: Renderer['drawImage'] = (width, height, draw) => {
    const c = canvas.createCanvas(width, height);
    const ctx = c.getContext('2d');
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, width, height);
    draw(ctx);
    return { png: canvas.toPng(c), width, height };
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
      rgba: data,
      pixel(x, y) {
        const i = (Math.round(y) * img.width + Math.round(x)) * 4;
        return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
      },
    };
  };

  return { backend: canvas.name, renderChart, composeGrid, drawImage, decode };
}
