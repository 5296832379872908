// `make capacity PEAK=<letters/s> [REGION=us-east-1] [PROFILE=christmas-eve] [JSON=1] [CHART=path]`:
// the capacity model of the deployed pipeline at one peak (docs/capacity.md explains it).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModelRun } from './load-run.js';
import { runCapacityModel } from './model.js';
import { renderCapacityChart, renderCapacityText } from './render.js';

const { values } = parseArgs({
  options: {
    peak: { type: 'string' },
    region: { type: 'string', default: 'us-east-1' },
    profile: { type: 'string', default: 'christmas-eve' },
    json: { type: 'boolean', default: false },
    chart: { type: 'string', default: '.local/capacity/capacity.svg' },
    'season-letters': { type: 'string' },
  },
});
const peak = Number(values.peak);
if (!(Number.isFinite(peak) && peak > 0)) {
  console.error(`capacity: PEAK must be a number of letters per second above 0, not "${values.peak ?? ''}" (make capacity PEAK=1000 REGION=us-east-1)`);
  process.exit(2);
}
if (!/^[a-z]{2}(-[a-z]+)+-\d$/u.test(values.region)) {
  console.error(`capacity: REGION must be an AWS region name such as eu-central-1, not "${values.region}"`);
  process.exit(2);
}
const seasonLetters = values['season-letters'] ? Number(values['season-letters']) : undefined;
const report = await loadModelRun({ peak, region: values.region, profile: values.profile, ...(seasonLetters ? { seasonLetters } : {}) })
  .then(runCapacityModel)
  .catch((error: unknown) => {
    // A region without prices, an unreadable profile: say what to fix, without a stack trace.
    console.error(`capacity: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
await mkdir(dirname(values.chart), { recursive: true });
await writeFile(values.chart, renderCapacityChart(report));
if (values.json) {
  const { simulation: _steps, ...summary } = report;
  console.log(JSON.stringify({ ...summary, chart: values.chart }, null, 2));
} else {
  process.stdout.write(renderCapacityText(report));
  console.log(`chart: ${values.chart}`);
}
