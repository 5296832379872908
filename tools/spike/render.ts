import { renderTimeline } from '../../bench/render-timeline.js';
import type { Segment } from './schedule.js';
import type { SecondRow } from './series.js';

const QUEUE_COLOURS: Record<string, string> = { 'letters-view': '#1f77b4', 'letters-analytics': '#d62728', 'letters-archive': '#2ca02c' };

/** The rehearsal as an SVG timeline: arrivals, p99 of both designs, each queue's backlog, and the read lag. */
export const renderSpikeChart = ({ command, crud, segments }: { command: SecondRow[]; crud: SecondRow[]; segments: readonly Segment[] }): string => {
  const points = (rows: SecondRow[], y: (row: SecondRow) => number | null | undefined) =>
    rows.flatMap((row) => {
      const value = y(row);
      return value === null || value === undefined ? [] : [{ t: row.t + 0.5, y: value }];
    });
  const peakStart = segments.slice(0, segments.findIndex((s) => s.phase === 'peak')).reduce((sum, s) => sum + s.seconds, 0);
  const peak = segments.find((s) => s.phase === 'peak');
  const queues = [...new Set(command.flatMap((row) => Object.keys(row.backlog ?? {})))];
  return renderTimeline({
    title: 'make spike: open-loop arrivals against the local runtime and the CRUD baseline',
    timeLabel: 'seconds since the first request (the queues drain after the schedule ends)',
    marks: peak ? [{ from: peakStart, to: peakStart + peak.seconds, label: 'peak' }] : [],
    panels: [
      {
        title: 'requests per second (offered, and accepted: 202 command, 201 CRUD)',
        unit: '/s',
        series: [
          { name: 'offered', colour: '#999', dashed: true, points: points(command, (r) => (r.offered > 0 ? r.offered : null)) },
          { name: 'command accepted', colour: '#000', points: points(command, (r) => (r.offered > 0 ? r.accepted : null)) },
          { name: 'CRUD accepted', colour: '#ff7f0e', points: points(crud, (r) => (r.offered > 0 ? r.accepted : null)) },
        ],
      },
      {
        title: 'p99 latency of the requests sent each second',
        unit: 'ms',
        series: [
          { name: 'command p99', colour: '#000', points: points(command, (r) => r.p99Ms) },
          { name: 'CRUD p99', colour: '#ff7f0e', points: points(crud, (r) => r.p99Ms) },
        ],
      },
      {
        title: 'backlog per queue (messages), and DLQ depth',
        unit: '',
        series: [
          ...queues.map((q) => ({ name: q, colour: QUEUE_COLOURS[q] ?? '#555', points: points(command, (r) => r.backlog?.[q]) })),
          { name: 'DLQs', colour: '#9467bd', dashed: true, points: points(command, (r) => r.dlq) },
        ],
      },
      {
        title: 'read lag: seconds until a letter accepted that second is readable',
        unit: 's',
        series: [{ name: 'read lag', colour: '#8c564b', points: points(command, (r) => r.readLagSeconds) }],
      },
    ],
  });
};
