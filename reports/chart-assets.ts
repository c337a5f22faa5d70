import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The chart library the HTML report inlines, so the file opens offline and loads nothing. */
export interface ChartAssets {
  /** Chart.js UMD build (defines `Chart`). */
  readonly chartJs: string;
  /** chartjs-chart-matrix UMD build (the journey heatmap), registers on `Chart`. */
  readonly matrixPlugin: string;
}

const require = createRequire(import.meta.url);

/** Reads the UMD builds from the installed packages (their `exports` hide `dist/`, so we go by the main entry's folder). */
export async function loadChartAssets(): Promise<ChartAssets> {
  const chartDir = path.dirname(require.resolve('chart.js'));
  const matrixDir = path.dirname(require.resolve('chartjs-chart-matrix'));
  const [chartJs, matrixPlugin] = await Promise.all([
    readFile(path.join(chartDir, 'chart.umd.min.js'), 'utf8'),
    readFile(path.join(matrixDir, 'chartjs-chart-matrix.min.js'), 'utf8'),
  ]);
  return { chartJs, matrixPlugin };
}
