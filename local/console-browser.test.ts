import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLetterEvent } from '../shared/domain/events.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { buildConsoleInto, findChromium, launchChromium } from './testing/browser.js';
import { apiClients } from './testing/api-client.js';
import { eventually } from './testing/http-client.js';

const chromium = findChromium();
if (!chromium) console.warn('SKIPPED: the console browser test: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SCREENSHOTS = process.env.SCREENSHOTS_DIR;

let runtime: LocalRuntime;
let consoleDir: string;
let browserSession: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const consoleErrors: string[] = [];
const requested: string[] = [];
const axeFindings: string[] = [];

const text = () => page.evaluate(() => document.body.innerText);
const waitForText = (wanted: string | RegExp, timeoutMs = 45_000) =>
  eventually(async () => {
    const body = await text();
    return (typeof wanted === 'string' ? body.includes(wanted) : wanted.test(body)) ? body : undefined;
  }, { timeoutMs, intervalMs: 100 });

/** axe-core's serious and critical violations on the page as it is now. */
const checkAccessibility = async (where: string) => {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string; help: string }[] }> } }).axe;
    return (await axe.run(document)).violations.map(({ id, impact, help }) => ({ id, impact, help }));
  });
  for (const violation of violations.filter((found) => found.impact === 'serious' || found.impact === 'critical')) {
    axeFindings.push(`${where}: ${violation.id} (${violation.impact}) ${violation.help}`);
  }
};

const screenshot = async (name: string) => {
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `console-${name}.png`), fullPage: true });
};

beforeAll(async () => {
  if (!chromium) return;
  // Small groups are hidden from elves by default; this test compares with what it sent.
  process.env.ANALYTICS_MIN_CHILDREN = '1';
  consoleDir = await mkdtemp(join(tmpdir(), 'workshop-console-'));
  await buildConsoleInto(consoleDir);
  runtime = await startLocalRuntime({ port: 0, analyticsMinChildren: 1, visibilityTimeoutSeconds: 5, logLevel: 'SILENT', log: () => undefined, consoleDir });
  browserSession = await launchChromium(chromium);
  page = await browserSession.browser.newPage();
  // axe-core is injected as a script of its own; the console's CSP rightly refuses such scripts.
  await page.setBypassCSP(true);
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location().url ?? ''}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => void requested.push(request.url()));
}, 120_000);

afterAll(async () => {
  await browserSession?.close();
  await runtime?.stop();
  if (consoleDir) await rm(consoleDir, { recursive: true, force: true });
});

describe.skipIf(!chromium)('the workshop console in Chromium', () => {
  it('signs in with PKCE, shows the pipeline, the charts, a timeline and redrives a DLQ', async () => {
    const localhost = runtime.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${localhost}/console/`);
    const signIn = await eventually(async () => (await page.$('::-p-aria(Sign in[role="button"])')) ?? undefined);
    await signIn.click();

    // The issuer's one-click page: who, with which scopes.
    await page.waitForSelector('::-p-aria(Sign in as)');
    await checkAccessibility('sign-in page');
    expect(await page.$eval('::-p-aria(Sign in as)', (input) => (input as HTMLInputElement).value)).toBe('elf-1');
    await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);

    // Pipeline: the three projections, refreshing by itself.
    await waitForText('letters-archive');
    const pipeline = await text();
    for (const projection of ['letters-view', 'letters-analytics', 'letters-archive']) expect(pipeline).toContain(projection);
    expect(pipeline).toContain('elf-1 · santa/operations, santa/workshop');

    // A toy posted through the API shows in the chart.
    const family = (await runtime.identity.mint({ sub: 'family-1', scope: 'santa/letters' })).access_token;
    const { typed } = apiClients(runtime.url, family);
    const posted = await typed.POST('/letters', {
      body: { child: { id: 'lotta-2019', name: 'Lotta', age: 7, country: 'SE' }, toys: [{ name: 'Rocking horse', quantity: 3 }] },
    });
    const letterId = posted.data!.letterId;
    await page.click('::-p-aria(Analytics)');
    await eventually(async () => ((await page.$$eval('svg.chart text', (nodes) => nodes.map((node) => node.textContent))).includes('rocking horse') ? true : undefined), { timeoutMs: 45_000 });
    await page.select('#country', 'SE');
    await waitForText('Quantity wished for in SE');
    await checkAccessibility('analytics');
    await screenshot('analytics');

    // A letter's timeline.
    await page.click('::-p-aria(A letter)');
    await page.type('::-p-aria(Letter id)', letterId);
    await page.keyboard.press('Enter');
    await waitForText('From Lotta, 7, SE');
    expect(await page.$$eval('ol.timeline li', (items) => items.map((item) => item.textContent))).toEqual([expect.stringMatching(/Submitted — 3 × Rocking horse$/u)]);
    await checkAccessibility('a letter');
    await screenshot('letter');

    // A dead letter (as if the database had been down) shows, and a click redrives it.
    const lost = createLetterEvent(
      { type: 'LetterSubmitted', letterId: letterId.replace(/.$/u, (last) => (last === 'A' ? 'B' : 'A')), ownerId: 'family-9', correlationId: 'console-test', letter: { child: { id: 'mo-2020', name: 'Mo', age: 6, country: 'NO' }, toys: [{ name: 'Snow globe', quantity: 2 }] } },
      { newId: () => crypto.randomUUID(), now: () => new Date() },
    );
    await runtime.clients.sqs.send(new SendMessageCommand({ QueueUrl: runtime.topology.queues['letters-analytics']!.dlqUrl, MessageBody: JSON.stringify(lost) }));
    await page.click('::-p-aria(Pipeline)');
    await waitForText('letters-analytics: 1 dead letter(s)');
    expect(await text()).toContain(lost.letterId);
    expect(await text()).not.toContain('Snow globe');
    await checkAccessibility('pipeline with a dead letter');
    await screenshot('pipeline');
    await page.focus('::-p-aria(Redrive letters-analytics)');
    await page.keyboard.press('Enter');
    await waitForText('letters-analytics: 1 message(s) moved back to the queue.');
    // The analytics DLQ empties (on a busy machine another projection's may not, so only this one counts).
    await eventually(async () => (/letters-analytics: \d+ dead letter/u.test(await text()) ? undefined : true), { timeoutMs: 45_000 });
    const analyticsRow = await page.$$eval('tbody tr', (rows) => rows.map((row) => row.textContent ?? '').find((row) => row.startsWith('letters-analytics')));
    expect(analyticsRow).toMatch(/0$/u);
    await page.click('::-p-aria(Analytics)');
    await eventually(async () => ((await page.$$eval('svg.chart text', (nodes) => nodes.map((node) => node.textContent))).includes('snow globe') ? true : undefined), { timeoutMs: 45_000 });

    expect(consoleErrors).toEqual([]);
    expect(requested.filter((url) => !LOOPBACK.has(new URL(url).hostname))).toEqual([]);
    expect(axeFindings).toEqual([]);
  }, 240_000);
});
