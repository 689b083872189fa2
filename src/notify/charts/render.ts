import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import { asciiJson, withTextChunk } from '#src/notify/charts/png-text.js';
import { FONT_FAMILY } from '#src/notify/charts/svg.js';

/** The tEXt keyword under which every chart carries the series it was drawn from. */
export const SERIES_KEYWORD = 'marketdesk-series';

const require = createRequire(import.meta.url);
// loaded by path on every render: no system font is assumed (the Docker image has none)
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
  require.resolve(`dejavu-fonts-ttf/ttf/${file}`),
);

export interface Chart {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * SVG → PNG with resvg; `renderAsync` rasterises on libuv's thread pool, so the bot's event
 * loop keeps answering updates meanwhile.
 */
export async function renderChart(svg: string, series: unknown): Promise<Chart> {
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
    background: '#ffffff',
    logLevel: 'off',
  });
  return {
    png: withTextChunk(image.asPng(), SERIES_KEYWORD, asciiJson(series)),
    width: image.width,
    height: image.height,
  };
}
