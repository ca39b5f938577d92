/**
 * Headless Chromium for the browser tests: the system's Debian package (`/usr/bin/chromium`,
 * or `AUTOSLO_CHROMIUM`), driven by puppeteer-core; never a downloaded browser. A missing
 * browser fails the test at once with what to install, and every launch has a timeout so a
 * broken browser cannot hang the run.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const CHROMIUM = process.env.AUTOSLO_CHROMIUM ?? '/usr/bin/chromium';

export interface TestBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  try {
    await access(CHROMIUM);
  } catch {
    throw new Error(
      `browser tests need Chromium at ${CHROMIUM} (Debian/Ubuntu: apt-get install chromium; or set AUTOSLO_CHROMIUM)`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'autoslo-chromium-'));
  try {
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      protocolTimeout: 30_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
      ],
    });
    return {
      browser,
      async close() {
        await browser.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(`could not start ${CHROMIUM}: ${(error as Error).message}`);
  }
}
