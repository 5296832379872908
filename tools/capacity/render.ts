import { renderTimeline } from '../../bench/render-timeline.js';
import type { CapacityReport } from './model.js';

const COLOURS: Record<string, string> = { 'letters-view': '#1f77b4', 'letters-analytics': '#d62728', 'letters-archive': '#2ca02c' };
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The simulated spike as an SVG timeline: letters offered and accepted, each queue's backlog and read lag, per minute. */
export const renderCapacityChart = (report: CapacityReport): string => {
  const perMinute = report.simulation.steps.filter((step) => step.t % 60 === 0);
  const minutes = (t: number) => t / 60;
  const queues = Object.keys(report.simulation.steps[0]?.queues ?? {});
  return renderTimeline({
    title: `${report.profile} at a peak of ${fmt(report.peakLettersPerSecond)} letters/s in ${report.region} (model)`,
    timeLabel: 'minutes since the start of the profile',
    panels: [
      {
        title: 'letters per second',
        unit: '/s',
        series: [
          { name: 'offered', colour: '#999', dashed: true, points: perMinute.map((s) => ({ t: minutes(s.t), y: s.offered })) },
          { name: 'accepted', colour: '#000', points: perMinute.map((s) => ({ t: minutes(s.t), y: s.accepted })) },
        ],
      },
      {
        title: 'backlog per queue (messages)',
        unit: '',
        series: queues.map((q) => ({ name: q, colour: COLOURS[q] ?? '#555', points: perMinute.map((s) => ({ t: minutes(s.t), y: s.queues[q]!.backlog })) })),
      },
      {
        title: 'read lag per queue (seconds)',
        unit: 's',
        series: queues.map((q) => ({ name: q, colour: COLOURS[q] ?? '#555', points: perMinute.map((s) => ({ t: minutes(s.t), y: s.queues[q]!.lagSeconds })) })),
      },
    ],
  });
};

/** The report as text: the bottleneck, then one row per component, the lag and the cost. */
export const renderCapacityText = (report: CapacityReport): string => {
  const lines = [
    `Capacity at ${fmt(report.peakLettersPerSecond)} letters/s in ${report.region} (profile ${report.profile})`,
    report.bottleneck === 'none'
      ? 'bottleneck: none (every component below its ceiling)'
      : `bottleneck: ${report.bottleneck.component} at ${fmt(report.bottleneck.utilisation * 100)}% — ${report.bottleneck.limit}\n  lift: ${report.bottleneck.lift}`,
    '',
    `${'component'.padEnd(48)} ${'needed'.padStart(10)} ${'ceiling'.padStart(10)} ${'use'.padStart(7)}  unit`,
    ...report.components.map(
      (c) => `${c.component.padEnd(48)} ${fmt(c.needed).padStart(10)} ${fmt(c.ceiling).padStart(10)} ${`${fmt(c.utilisation * 100)}%`.padStart(7)}  ${c.unit}${c.utilisation > 1 ? '  ← over' : ''}`,
    ),
    '',
    `spike: max read lag ${fmt(report.lag.maxSeconds, 1)} s; queues empty ${report.lag.drainSecondsAfterPeak === null ? 'never within the run' : `${fmt(report.lag.drainSecondsAfterPeak)} s after the peak`}; refused ${fmt(report.lag.refusedLetters)} letters`,
    `cost: ${fmt(report.costPerMillionLetters, 2)} USD per million letters; a season of ${fmt(report.cost.season.letters / 1e6, 0)} M letters over ${report.cost.season.months} months: ${fmt(report.cost.season.usd, 0)} USD`,
    ...Object.entries(report.cost.perMillionLetters).map(([service, usd]) => `  ${service.padEnd(40)} ${fmt(usd, 2).padStart(10)} per million letters`),
    ...Object.entries(report.cost.fixedPerMonth).map(([service, usd]) => `  ${service.padEnd(40)} ${fmt(usd, 2).padStart(10)} per month`),
    ...report.notes.map((note) => `note: ${note}`),
  ];
  return `${lines.join('\n')}\n`;
};
