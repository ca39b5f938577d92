/** The predicted-vs-measured PNG, through the plotter's renderer; null where it cannot render. */
import type { RunComparison } from '@autoslo/calibration';

export async function predictionPng(
  series: readonly { label: string; comparisons: readonly RunComparison[] }[],
  title: string,
  log: (line: string) => void,
): Promise<Uint8Array | null> {
  const { loadRenderer, predictionChartConfig, RendererUnavailableError } = await import(
    '@autoslo/plotter'
  );
  try {
    const renderer = await loadRenderer();
    const config = predictionChartConfig(
      series.map((s) => ({
        label: s.label,
        measuredS: s.comparisons.flatMap((c) => [...c.points.measuredS]),
        predictedS: s.comparisons.flatMap((c) => [...c.points.predictedS]),
      })),
      title,
    );
    const chart = await renderer.renderChart(config, 640, 560);
    return new Uint8Array(chart.png);
  } catch (error) {
    if (!(error instanceof RendererUnavailableError)) throw error;
    log(`no PNG: ${error.message}`);
    return null;
  }
}
