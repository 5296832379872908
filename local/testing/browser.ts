import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

// The distribution's Chromium (Debian: apt-get install chromium); CHROMIUM_PATH names another.
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium binary to drive, or undefined where none is installed. */
export const findChromium = (): string | undefined => CANDIDATES.find((path): path is string => Boolean(path) && existsSync(path!));

// Headless, no sandbox (CI runs as root), and nothing that reaches beyond this machine on its own.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile; close() also removes the profile. */
export const launchChromium = async (executablePath: string): Promise<{ browser: Browser; close(): Promise<void> }> => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'workshop-chromium-'));
  const browser = await puppeteer.launch({ executablePath, headless: true, args: [...FLAGS, `--user-data-dir=${userDataDir}`], defaultViewport: { width: 1200, height: 900 } });
  return {
    browser,
    close: async () => {
      await browser.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
};

/** build.mjs' console build (plain JavaScript, so its shape is declared here). */
export const buildConsoleInto = async (outDir: string): Promise<string[]> => {
  const script = (await import(new URL('../../build.mjs', import.meta.url).href)) as { buildConsole: (outDir: string) => Promise<string[]> };
  return script.buildConsole(outDir);
};
